"""The rules, as plain functions over plain data: what a question holds
(``questiondata``), how an answer is graded (``grading``, with ``text_answers`` and
``numbers``), when a question comes back (``scheduling``), which questions give
another's answer away (``giveaways``), what an account's name and password must be
(``accounts``), and messages that a page translates (``messages``). No Flask, no
database."""
