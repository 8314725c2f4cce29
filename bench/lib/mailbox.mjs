// An SMTP server in the bench process, on loopback, that counts messages per recipient.
import { SMTPServer } from 'smtp-server';

export async function startMailbox() {
  const perAddress = new Map();
  const state = {
    perAddress,
    received: 0,
    /** performance.now() of each arrival count that a caller asked to be told about. */
    milestones: new Map(),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 1_000,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const recipient of session.envelope.rcptTo) {
          const address = recipient.address.toLowerCase();
          perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
          state.received += 1;
          if (!state.milestones.has(state.received))
            state.milestones.set(state.received, performance.now());
        }
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    state,
    /** The time (performance.now()) at which the `count`-th message arrived, if it has. */
    arrivalOf(count) {
      return state.milestones.get(count) ?? null;
    },
    /** Distinct addresses and duplicates among the `expected` addresses, plus strays. */
    tally(expected) {
      let distinct = 0;
      let duplicated = 0;
      let strays = 0;
      for (const [address, count] of perAddress) {
        if (expected.has(address)) {
          distinct += 1;
          duplicated += count - 1;
        } else {
          strays += count;
        }
      }
      return {
        distinct,
        duplicated,
        strays,
        lost: expected.size - distinct,
        received: state.received,
      };
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
