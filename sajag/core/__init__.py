"""What every room of the house shares and that knows no domain: the job model and its task
runner, and (as they move here) the per-client rate limiter and the PDF printer. Imports
nothing from the other Sajag apps."""
