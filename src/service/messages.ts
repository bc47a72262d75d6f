// The messages the service answers its errors with when nothing more particular applies, as AWS
// words them.
import type { ErrorName } from '../../generated/contract.js';

export const DEFAULT_MESSAGES: Partial<Record<ErrorName, string>> = {
  AccessDeniedException: 'User is not authorized to perform this action',
  InternalServerError: 'Internal server error',
  ThrottlingException: 'Rate exceeded',
  ProvisionedThroughputExceededException: 'Provisioned rate exceeded',
  LimitExceededException: 'Too many concurrent jobs',
  InvalidParameterException: 'Request has invalid parameters',
  InvalidS3ObjectException: 'Unable to get object metadata from S3. Check object key, region and/or access permissions.',
};
