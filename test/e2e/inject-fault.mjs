// Loaded into the bot process with `node --import` by the end-to-end tests: makes a real exception
// happen deep inside a handler (Unicode normalisation of a query holding 💥), without touching our code.
const normalize = String.prototype.normalize;
String.prototype.normalize = function (form) {
  if (String(this).includes("\u{1F4A5}")) throw new Error("injected fault: normalize(💥)");
  return normalize.call(this, form);
};
