// tools/ping: an ES module with an async handler (docs/emulator.md, "A handler").
export const handler = async (event, context) => {
  context.logger.info('ping from', context.requestId);
  return 'pong';
};
