// commander requires node:child_process at load time, for executable
// subcommands pyshim does not use; loading it (and node:net, streams) costs
// ~7 ms at every start. This stand-in loads the real module on first use.
let real;
module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      real ??= require('node:child_process');
      return real[key];
    },
  },
);
