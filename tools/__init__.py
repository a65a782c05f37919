"""The instruments of the cycle, one folder a stage: observe, diagnose, trial, judge, deploy,
and the sandboxes the project's code runs in."""
