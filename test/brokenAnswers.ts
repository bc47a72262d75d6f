// The recorded answers the suite's own oracles (the ones a replay grades with) find breaking the
// contract, "later" answers aside: none, for a recording of a conformant endpoint.
import { Conversation, type Har } from '../src/conformance/index.js';
import { judge } from '../src/conformance/gradeDifference.js';
import { exchangeOf } from '../src/conformance/har.js';
import { notReplayed } from '../src/conformance/replayHar.js';
import { headerValue, operationOf } from '../src/contract/wire.js';

/** `#index (check, case): how it breaks the contract`, for each recorded answer that does. */
export function brokenAnswers(recording: Har): string[] {
  const conversation = new Conversation();
  return recording.log.entries.flatMap((entry, i) => {
    const exchange = exchangeOf(entry);
    if (notReplayed(exchange, operationOf(headerValue(exchange.request.headers, 'x-amz-target')))) return [];
    const { broken } = judge(exchange, conversation);
    return broken ? [`#${i + 1} (${entry.comment}): ${broken}`] : [];
  });
}
