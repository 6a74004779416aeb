// orders/create: CommonJS, as in an FC code package (docs/emulator.md, "A handler").
exports.handler = (event, context, callback) => {
  const order = JSON.parse(event.toString('utf8'));
  console.log('creating order %d', order.id); // goes to the FC log
  callback(null, { created: order.id, by: context.function.name });
};
