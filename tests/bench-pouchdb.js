// The PouchDB side of bench-sync: the same records, replicated the way
// PouchDB does it, between two processes on loopback.
//
//   node bench-pouchdb.js serve DIR
//     express-pouchdb over PouchDB's default Node adapter (LevelDB files in
//     DIR); prints its URL on the first line.
//   node bench-pouchdb.js replicate RECORDS URL BATCH
//     loads RECORDS (one JSON document per line) into an in-memory PouchDB
//     (pouchdb-adapter-memory), then times one replication to URL/bench;
//     prints "seconds S", "docs N" and "cpu_ms C".
//
// Packages come from NODE_PATH (see bench-pouchdb-install.sh).
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

async function serve(dir) {
  const express = require('express');
  const PouchDB = require('pouchdb');
  const prefixed = PouchDB.defaults({ prefix: dir + path.sep });
  const app = express();

  fs.mkdirSync(dir, { recursive: true });
  process.chdir(dir);
  app.use('/', require('express-pouchdb')(prefixed, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
  }));
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${server.address().port}/\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function replicate(records, url, batch) {
  const PouchDB = require('pouchdb');
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  const local = new PouchDB('kiosk', { adapter: 'memory' });
  const lines = readline.createInterface({ input: fs.createReadStream(records) });
  let docs = [];
  let count = 0;

  for await (const line of lines) {
    if (line.length === 0)
      continue;
    docs.push(JSON.parse(line));
    if (docs.length === 1000) {
      await local.bulkDocs(docs);
      count += docs.length;
      docs = [];
    }
  }
  if (docs.length > 0) {
    await local.bulkDocs(docs);
    count += docs.length;
  }

  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await local.replicate.to(new URL('bench', url).href, { batch_size: batch });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);

  if (!result.ok || result.docs_written !== count)
    throw new Error(`replication wrote ${result.docs_written} of ${count} documents`);
  process.stdout.write(`seconds ${seconds}\ndocs ${count}\ncpu_ms ${(used.user + used.system) / 1000}\n`);
}

const [mode, ...args] = process.argv.slice(2);
const run = mode === 'serve' ? serve(args[0])
          : mode === 'replicate' ? replicate(args[0], args[1], parseInt(args[2] || '500', 10))
          : Promise.reject(new Error('usage: bench-pouchdb.js serve DIR | replicate RECORDS URL [BATCH]'));
run.catch((e) => {
  process.stderr.write(`bench-pouchdb: ${e.stack || e}\n`);
  process.exit(1);
});
