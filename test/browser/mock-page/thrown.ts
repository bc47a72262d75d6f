// What a call the page expects to fail threw: the SDK's error, to read its name and status.
import type { RekognitionServiceException } from '@aws-sdk/client-rekognition';

export async function thrown(promise: Promise<unknown>): Promise<RekognitionServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as RekognitionServiceException;
  }
  throw new Error('expected the call to fail');
}
