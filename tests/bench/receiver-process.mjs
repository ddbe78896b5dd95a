// A callback receiver in a process of its own (the orchestration bench): the time a callback
// arrives is taken on an event loop that nothing else uses — not the bench's, which at the same
// moment sends and answers the burst's submissions. POST anything: recorded; GET /received: what
// arrived so far ({trigger_id, type, receivedAt}); POST /clear: forgets it. Prints its URL.
import { createServer } from 'node:http';

let received = [];
const server = createServer((req, res) => {
  let data = '';
  req.on('data', (chunk) => (data += chunk));
  req.on('end', () => {
    const receivedAt = Date.now();
    if (req.method === 'GET' && req.url === '/received') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    if (req.method === 'POST' && req.url === '/clear') {
      received = [];
      return res.writeHead(200).end();
    }
    const body = JSON.parse(data);
    received.push({ trigger_id: body.trigger_id, type: body.type, receivedAt });
    res.writeHead(200).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`receiver on http://127.0.0.1:${server.address().port}`));
