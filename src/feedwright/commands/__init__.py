"""The commands of ``feedwright``, one module each; :mod:`feedwright.cli` imports a command's
module only when it runs."""
