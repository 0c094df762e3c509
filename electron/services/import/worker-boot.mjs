// Runs the import worker from its TypeScript source (dev, web host, tests) through tsx.
// Built apps start the bundled importWorker.js instead (see jobs.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
