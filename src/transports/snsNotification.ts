// A job's completion notice as Amazon SNS delivers it to an HTTP(S) subscriber: the SNS headers
// and the JSON envelope whose Message is the notice Rekognition published to the topic. The
// emulator POSTs it to `--notify-url` (or startEmulator's `notifyUrl`) so that a consumer's
// webhook can be tested end to end without AWS.
import { v5 as nameUuid } from 'uuid';
import type { NotificationChannel } from '../../generated/types.js';
import type { CompletionNotice } from '../service/CompletionNotices.js';

/** The body SNS POSTs to an HTTP(S) subscription for one notification. */
export interface SnsEnvelope {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  /** JSON.stringify of the CompletionNotice. */
  Message: string;
  /** When the notice was published, ISO 8601 (`2026-11-25T10:00:00.000Z`). */
  Timestamp: string;
  SignatureVersion: '1';
  /**
   * NOT a real signature: always `EXAMPLE`. A receiver under test must not verify it against
   * AWS's signing certificate (it would fail); skip verification for the emulator.
   */
  Signature: 'EXAMPLE';
  SigningCertURL: string;
  UnsubscribeURL: string;
}

/** How long one delivery attempt may take. */
const ATTEMPT_TIMEOUT_MS = 5000;
/** The pause before the one retry. */
const RETRY_DELAY_MS = 100;

/** The topic's region (`arn:aws:sns:REGION:ACCOUNT:NAME`) and its partition's domain. */
function snsHost(topicArn: string): string {
  const [, partition = 'aws', , region = 'us-east-1'] = topicArn.split(':');
  return `sns.${region || 'us-east-1'}.${partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
}

/** The namespace of the emulator's name-based ids: the same names give the same ids, run after run. */
const NAMESPACE = nameUuid('https://www.npmjs.com/package/rekognition-face-detection-contract#sns', nameUuid.URL);

/** A name-based UUID (v5) of `text`. */
function uuidOf(text: string): string {
  return nameUuid(text, NAMESPACE);
}

/** The subscription the emulator pretends the receiver has: one fixed id per topic. */
function subscriptionArn(topicArn: string): string {
  return `${topicArn}:${uuidOf(`subscription\n${topicArn}`)}`;
}

/** The SNS envelope of `notice` published to `topicArn` at `now`. Pure: the same arguments give the same envelope. */
export function snsEnvelope(notice: CompletionNotice, topicArn: string, now: Date): SnsEnvelope {
  const host = snsHost(topicArn);
  return {
    Type: 'Notification',
    // Derived from the notice, so that a retry carries the same MessageId, as SNS's retries do.
    MessageId: uuidOf(`message\n${topicArn}\n${JSON.stringify(notice)}`),
    TopicArn: topicArn,
    // Rekognition publishes without a Subject, so the envelope has none.
    Message: JSON.stringify(notice),
    Timestamp: now.toISOString(),
    SignatureVersion: '1',
    // Not a real signature, and the certificate URL below names no real certificate: receivers
    // must not verify this envelope against AWS.
    Signature: 'EXAMPLE',
    SigningCertURL: `https://${host}/SimpleNotificationService-example.pem`,
    UnsubscribeURL: `https://${host}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn(topicArn))}`,
  };
}

/** Why `url` cannot take notifications, or undefined when it can: an http(s) URL without credentials. */
export function notifyUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an http:// or https:// URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (parsed.username || parsed.password) return 'must not hold a user name or password';
  return undefined;
}

export interface PostNotificationOptions {
  /** Receives one line per delivery: its outcome, never a header value, a query string or a body. */
  log?: (line: string) => void;
  /** The publication time. Default: the wall clock. */
  now?: Date;
  /** Aborts the delivery (and its retry). */
  signal?: AbortSignal;
}

/**
 * POSTs the notice to `url` as SNS would, retrying once on a network error, a timeout, a 429 or a
 * 5xx. Never throws: the outcome goes to `log`. Resolves with whether the receiver took it (2xx).
 */
export async function postNotification(
  url: string,
  notice: CompletionNotice,
  channel: NotificationChannel,
  options: PostNotificationOptions = {},
): Promise<boolean> {
  const topicArn = channel.SNSTopicArn;
  const envelope = snsEnvelope(notice, topicArn, options.now ?? new Date());
  const target = describeTarget(url);
  const line = (text: string) => {
    try {
      options.log?.(`SNS ${target} ${notice.JobId} ${notice.Status} ${text} ${envelope.MessageId}`);
    } catch {
      // A failing logger must not fail the delivery.
    }
  };
  const init = {
    method: 'POST',
    headers: {
      'Content-Type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': envelope.MessageId,
      'x-amz-sns-topic-arn': topicArn,
      'x-amz-sns-subscription-arn': subscriptionArn(topicArn),
      'User-Agent': 'Amazon Simple Notification Service Agent',
    },
    body: JSON.stringify(envelope),
  };
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let retriable = true;
    try {
      const signals = [AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])];
      const response = await fetch(url, { ...init, signal: AbortSignal.any(signals), redirect: 'manual' });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) {
        line(String(response.status));
        return true;
      }
      reason = `HTTP ${response.status}`;
      retriable = response.status === 429 || response.status >= 500;
    } catch (error) {
      reason = errorText(error);
    }
    if (options.signal?.aborted) retriable = false;
    if (attempt >= 2 || !retriable) {
      line(`not delivered (${reason})`);
      return false;
    }
    line(`failed (${reason}), retrying`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS).unref?.());
  }
}

/** The URL without credentials or query: a query may hold a secret. */
function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function errorText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
