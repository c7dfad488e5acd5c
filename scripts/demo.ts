// `npm run demo`: the connector's main job end to end, every action, picklist and trigger run through spectral's own
// harness, one line a step. Without DURO_API_KEY it runs against the embedded Duro sandbox on 127.0.0.1 (classic, then
// Duro Hub); with it, against that Duro account, read only unless DURO_DEMO_CREATE=1. `-- --help` lists the options
// and settings; the steps are in scripts/demo/steps.ts.
import { runDemo } from "./demo/run";

runDemo({ args: process.argv.slice(2), env: process.env, print: (line) => console.log(line) }).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
