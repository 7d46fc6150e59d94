// Entry point of the in-editor suite. The same file runs inside code-server's extension
// host (npm run test:e2e, as CI does here) and inside desktop VS Code through
// @vscode/test-electron (npm run test:electron): both call run() after loading the extension.
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // The plain summary line CI reads, whichever host ran the suite.
      console.log(`in-editor suite: ${mocha.suite.total() - failures} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve();
    });
  });
};
