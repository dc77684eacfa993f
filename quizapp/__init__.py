"""quizapp: quizzes and learning from current-affairs articles."""
