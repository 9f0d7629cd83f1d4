// The reference most teams write: an Express route that forwards the mint and returns its JSON.
const express = require('express');

const app = express();
app.use(express.json());

app.post('/token', async (req, res) => {
  try {
    const upstream = await fetch(`${process.env.OPENAI_BASE_URL}/v1/realtime/client_secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}`, 'Content-Type': 'application/json' },
      body: process.env.MINT_BODY,
    });
    res.status(upstream.status).json(await upstream.json());
  } catch (err) {
    res.status(502).json({ error: 'upstream_failed' });
  }
});

// Bench harness, not part of the route: port 0 picks a free port, printed once listening;
// end of stdin means the benchmark that started us has gone, so we go too.
const server = app.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
