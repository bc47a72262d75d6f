#!/usr/bin/env node
import { main } from './cli.js';

// The SDK (used by the conformance suite) warns about Node 20 on every run; that is the SDK's
// plan, not news about the endpoint under test. Users who want it can set the variable to false.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await main(process.argv.slice(2));
