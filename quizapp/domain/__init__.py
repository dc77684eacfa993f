"""The rules, as plain functions over plain data: what a question holds
(``questiondata``), how an answer is graded (``grading``), when a question comes
back (``scheduling``), which questions give another's answer away (``giveaways``),
and messages that a page translates (``messages``). No Flask, no database."""
