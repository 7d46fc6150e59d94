// Preloaded with --require into the CLI or the server by test/network.test.ts: every way Node
// opens a connection is replaced by one that records the attempt and fails. The attempts are
// written to the file named by COSTLINT_NETWORK_LOG when the process exits; a worker thread's
// (the preload runs in each) to that name with `.thread-<id>` added, when the thread exits.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const attempts = [];
const refuse = (what) =>
  function () {
    attempts.push(`${what} ${JSON.stringify([...arguments].filter((a) => typeof a !== 'function')).slice(0, 200)}`);
    throw new Error(`network access refused in this test: ${what}`);
  };
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('Socket.connect');
tls.connect = refuse('tls.connect');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
globalThis.fetch = refuse('fetch');
const { isMainThread, threadId } = require('node:worker_threads');
const log = isMainThread ? process.env.COSTLINT_NETWORK_LOG : `${process.env.COSTLINT_NETWORK_LOG}.thread-${threadId}`;
process.on('exit', () => fs.writeFileSync(log, JSON.stringify(attempts)));
