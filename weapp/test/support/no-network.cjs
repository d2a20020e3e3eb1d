// Preloaded (node --require) into a script under test: any attempt to open a connection or resolve a name is
// reported on stderr and fails, so a test can show that the script stopped before reaching the network.
const dns = require('node:dns');
const net = require('node:net');

function refuse(what) {
  process.stderr.write(`NETWORK CALL ATTEMPTED: ${what}\n`);
  throw new Error(`network call attempted: ${what}`);
}

net.Socket.prototype.connect = function connect() {
  refuse('socket connect');
};
dns.lookup = (host) => refuse(`dns lookup ${host}`);
