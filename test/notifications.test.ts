// Completion notices delivered as SNS HTTP(S) notifications: the emulator, with a short job
// duration and notifyUrl, POSTs each finished job's notice to a loopback receiver.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetFaceDetectionCommand, StartFaceDetectionCommand } from '@aws-sdk/client-rekognition';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/emulator.js';
import { FaceDetectionService } from '../src/msw.js';
import { snsEnvelope } from '../src/transports/snsNotification.js';
import { client, video } from './aws-sdk.js';
import { logWatcher, startReceiver, type SnsReceiver } from './sns-receiver.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:AmazonRekognitionFaces';
const channel = { SNSTopicArn: TOPIC, RoleArn: 'arn:aws:iam::123456789012:role/RekognitionSnsPublish' };
// Name-based (v5): a retry of the same notice carries the same MessageId, as SNS's retries do.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const failing = { S3Object: { Bucket: 'my-videos', Name: 'broken.avi' } };

/** A loopback URL nobody listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/sns`;
}

describe('snsEnvelope', () => {
  it("is SNS's HTTP(S) notification body, the region taken from the topic ARN", () => {
    const notice = {
      JobId: 'a'.repeat(64),
      Status: 'SUCCEEDED' as const,
      API: 'FACE_DETECTION' as const,
      Timestamp: 1,
      Video: { S3ObjectName: 'v.mp4', S3Bucket: 'b' },
    };
    const now = new Date('2026-11-25T10:00:00.000Z');
    const envelope = snsEnvelope(notice, TOPIC, now);
    expect(envelope).toEqual({
      Type: 'Notification',
      MessageId: expect.stringMatching(UUID),
      TopicArn: TOPIC,
      Message: JSON.stringify(notice),
      Timestamp: '2026-11-25T10:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem',
      UnsubscribeURL: expect.stringMatching(
        /^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aeu-west-1%3A/,
      ),
    });
    expect(envelope).not.toHaveProperty('Subject');
    expect(snsEnvelope(notice, TOPIC, now)).toEqual(envelope);
    expect(snsEnvelope({ ...notice, JobId: 'b'.repeat(64) }, TOPIC, now).MessageId).not.toBe(envelope.MessageId);
  });
});

describe('the emulator with notifyUrl', () => {
  let receiver: SnsReceiver;
  let emulator: Emulator;
  const watcher = logWatcher();
  beforeAll(async () => {
    receiver = await startReceiver();
    emulator = await startEmulator({ port: 0, service: { jobDurationMs: 50 }, notifyUrl: receiver.url, log: watcher.log });
    emulator.service.putS3Object(video.S3Object.Bucket, video.S3Object.Name);
    emulator.service.putS3Object(failing.S3Object.Bucket, failing.S3Object.Name, { failure: 'Unsupported codec/format.' });
  });
  afterEach(() => {
    emulator.service.reset();
    receiver.posts.length = 0;
  });
  afterAll(async () => {
    await emulator?.close();
    await receiver?.close();
  });

  it('POSTs one SNS notification per finished job: the SNS headers, the envelope, the notice as its Message', async () => {
    const rekognition = client(emulator.url);
    const { JobId } = await rekognition.send(
      new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel, JobTag: 'lobby' }),
    );
    const post = await receiver.notice(JobId!);
    // Delivered and logged once: a retry would come before the success line.
    await watcher.line(new RegExp(`^SNS http://127\\.0\\.0\\.1:\\d+/sns ${JobId} SUCCEEDED 200 `));
    expect(receiver.posts).toHaveLength(1);
    expect(post.path).toBe('/sns');
    expect(post.headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': post.envelope.MessageId,
      'x-amz-sns-topic-arn': TOPIC,
      'content-type': 'text/plain; charset=UTF-8',
    });
    expect(post.envelope).toEqual({
      Type: 'Notification',
      MessageId: expect.stringMatching(UUID),
      TopicArn: TOPIC,
      Message: expect.any(String),
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem',
      UnsubscribeURL: expect.stringMatching(/^https:\/\/sns\.eu-west-1\.amazonaws\.com\/\?Action=Unsubscribe&SubscriptionArn=/),
    });
    expect(JSON.parse(post.envelope.Message)).toEqual({
      JobId,
      Status: 'SUCCEEDED',
      API: 'FACE_DETECTION',
      JobTag: 'lobby',
      Timestamp: expect.any(Number),
      Video: { S3ObjectName: video.S3Object.Name, S3Bucket: video.S3Object.Bucket },
    });
    expect(post.notice).toEqual(emulator.service.notifications[0]);
    expect((await rekognition.send(new GetFaceDetectionCommand({ JobId }))).JobStatus).toBe('SUCCEEDED');
  });

  it('a registered failing video notifies FAILED', async () => {
    const { JobId } = await client(emulator.url).send(new StartFaceDetectionCommand({ Video: failing, NotificationChannel: channel }));
    const { notice } = await receiver.notice(JobId!);
    expect(notice).toMatchObject({
      JobId,
      Status: 'FAILED',
      API: 'FACE_DETECTION',
      Video: { S3ObjectName: 'broken.avi', S3Bucket: 'my-videos' },
    });
    expect(notice).not.toHaveProperty('JobTag');
    const answer = await client(emulator.url).send(new GetFaceDetectionCommand({ JobId }));
    expect(answer).toMatchObject({ JobStatus: 'FAILED', StatusMessage: 'Unsupported codec/format.' });
  });

  it('a start without NotificationChannel sends nothing', async () => {
    const rekognition = client(emulator.url);
    const silent = await rekognition.send(new StartFaceDetectionCommand({ Video: video }));
    const heard = await rekognition.send(new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel }));
    // Started first with the same duration, the silent job has finished by the time the other's notice arrives.
    await receiver.notice(heard.JobId!);
    expect(emulator.service.job(silent.JobId!)?.JobStatus).toBe('SUCCEEDED');
    expect(receiver.posts.map((p) => p.notice.JobId)).toEqual([heard.JobId]);
  });

  it('retries a 5xx once, with the same MessageId', async () => {
    receiver.answers.push(503);
    const { JobId } = await client(emulator.url).send(new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel }));
    await watcher.line(new RegExp(`^SNS \\S+ ${JobId} SUCCEEDED 200 `));
    expect(watcher.lines.filter((l) => l.includes(JobId!))).toEqual([
      expect.stringMatching(/ failed \(HTTP 503\), retrying /),
      expect.stringMatching(/ 200 /),
    ]);
    expect(receiver.posts).toHaveLength(2);
    expect(new Set(receiver.posts.map((p) => p.envelope.MessageId)).size).toBe(1);
  });

  it('gives up after one retry, and a 4xx is not retried', async () => {
    receiver.answers.push(500, 500, 500);
    const rekognition = client(emulator.url);
    const first = await rekognition.send(new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel }));
    await watcher.line(new RegExp(`${first.JobId} SUCCEEDED not delivered \\(HTTP 500\\)`));
    expect(receiver.posts).toHaveLength(2);
    receiver.answers.length = 0;
    receiver.answers.push(403);
    const second = await rekognition.send(new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel }));
    await watcher.line(new RegExp(`${second.JobId} SUCCEEDED not delivered \\(HTTP 403\\)`));
    expect(receiver.posts.filter((p) => p.notice.JobId === second.JobId)).toHaveLength(1);
  });
});

describe('a receiver that is down', () => {
  it('does not crash the emulator: the failure is logged and the emulator keeps serving', async () => {
    const watcher = logWatcher();
    const emulator = await startEmulator({ port: 0, service: { jobDurationMs: 50 }, notifyUrl: await deadUrl(), log: watcher.log });
    try {
      const rekognition = client(emulator.url);
      const { JobId } = await rekognition.send(new StartFaceDetectionCommand({ Video: video, NotificationChannel: channel }));
      const line = await watcher.line(/ not delivered /);
      expect(line).toMatch(new RegExp(`^SNS http://127\\.0\\.0\\.1:\\d+/sns ${JobId} SUCCEEDED not delivered \\(ECONNREFUSED\\) `));
      expect(watcher.lines.filter((l) => l.startsWith('SNS '))).toHaveLength(2);
      expect((await rekognition.send(new GetFaceDetectionCommand({ JobId }))).JobStatus).toBe('SUCCEEDED');
    } finally {
      await emulator.close();
    }
  });
});

describe('startEmulator notifyUrl: what it refuses', () => {
  it.each([
    [{ notifyUrl: 'ftp://127.0.0.1/sns' }, /notifyUrl must be an http:\/\/ or https:\/\/ URL/],
    [{ notifyUrl: 'not a url' }, /notifyUrl must be an http:\/\/ or https:\/\/ URL/],
    [{ notifyUrl: 'http://user:pass@127.0.0.1/sns' }, /notifyUrl must not hold a user name or password/],
    [{ notifyUrl: 'http://127.0.0.1/sns', service: new FaceDetectionService() }, /cannot be combined with a service of your own/],
    [{ notifyUrl: 'http://127.0.0.1/sns', service: { onNotification: () => undefined } }, /cannot be combined/],
  ])('%j', async (options, reason) => {
    await expect(startEmulator({ port: 0, ...options })).rejects.toThrow(reason);
  });
});
