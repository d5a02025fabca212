/** Worker thread for `jjj matrix`: loads the network from the shared SQLite cache, computes its origins. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadNetwork } from '../app/load.js';
import { computeRows, type MatrixJob } from './matrix-job.js';

const job = workerData as MatrixJob;
const { network } = await loadNetwork({ ...(job.feeds !== null ? { feeds: job.feeds } : {}), db: job.db, progress: false });
parentPort!.postMessage(computeRows(network, job));
