// The Pulumi program of this governance repository (`main` in Pulumi.yaml),
// written by `saasgov init`: saasgov's Okta program, from the installed package,
// so `npm install` of a newer saasgov updates it. Its stack outputs: apps,
// skipped, held, manualSteps, deployed.
module.exports = require('saasgov/dist/src/okta/index.js');
