// Runs before the web app loads: replace this file (or put loader.js in the build) to add a script.
