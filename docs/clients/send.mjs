// Sends COUNT track calls through a real tracking library to a running Cairn, then flushes.
// Usage: node send.mjs rudderstack|segment http://127.0.0.1:8080 WRITE_KEY RUN_ID [COUNT]
// Prints one line: "<library> sent <n> failed <m>". Exits 1 when any call failed.
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';

const [library, url, writeKey, run, countText] = process.argv.slice(2);
const count = Number(countText ?? 1000);
let failed = 0;

function call(i) {
  return {
    userId: `${run}-${i % 100}`,
    event: 'Real Client Call',
    properties: { run, index: i, library },
  };
}

if (library === 'segment') {
  const analytics = new Analytics({ writeKey, host: url, flushAt: 100, maxRetries: 3 });
  analytics.on('error', () => failed++);
  for (let i = 0; i < count; i++) {
    analytics.track(call(i));
  }
  await analytics.closeAndFlush({ timeout: 60000 });
} else if (library === 'rudderstack') {
  // Default settings: gzip on, /v1/batch, the write key as the Basic-auth user name.
  const analytics = new RudderAnalytics(writeKey, {
    dataPlaneUrl: url,
    flushAt: 100,
    errorHandler: () => {},
  });
  // Each call's callback runs once its batch was answered: wait for all of them.
  let answered = 0;
  const all = new Promise((resolve) => {
    for (let i = 0; i < count; i++) {
      analytics.track(call(i), (err) => {
        if (err) failed++;
        if (++answered === count) resolve();
      });
    }
  });
  const flushing = setInterval(() => analytics.flush(), 250);
  await all;
  clearInterval(flushing);
} else {
  console.error(`unknown library ${library}; use rudderstack or segment`);
  process.exit(2);
}
console.log(`${library} sent ${count} failed ${failed}`);
process.exit(failed === 0 ? 0 : 1);
