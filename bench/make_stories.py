#!/usr/bin/env python3
"""Writes N story files (docs/stories.md) into a folder, for timing `story import` and
`coverage` with a large story bank: each about 2 KB, told in about two minutes, with two
principles, a round tag, metrics and two follow-ups; every one passes `story check`'s errors.

    python3 bench/make_stories.py 500 build/stories-500
"""
import os
import sys

PRINCIPLES = [
    "customer-obsession", "ownership", "invent-and-simplify", "are-right-a-lot",
    "learn-and-be-curious", "hire-and-develop-the-best", "insist-on-the-highest-standards",
    "think-big", "bias-for-action", "frugality", "earn-trust", "dive-deep", "have-backbone",
    "deliver-results", "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
]
ROUNDS = ["people", "technical", "strategy", "culture"]

SITUATION = ("Team {n} ran a service that {k} other teams depended on, and its error rate had "
             "doubled in a quarter while the roadmap kept growing. Customers had started to "
             "notice the slow pages during the busiest hours of the week.")
TASK = ("I owned the service and its roadmap. I had to bring the error rate back under the "
        "target within two months without stopping the features promised to sales.")
ACTION = ("I first measured where the errors came from and found that three endpoints caused "
          "most of them. I asked two engineers to fix those while the rest of the team kept "
          "shipping, and I wrote the plan down so that every team that depended on us knew "
          "what would change and when. I met the product manager every week to trade scope "
          "for reliability in the open, and I cut one feature that nobody had used.\n\n"
          "When a release made things worse, I rolled it back myself at night and wrote the "
          "review the next morning, with the one change to our tests that would have caught "
          "it. I kept the dashboard on the team's screen so that everyone saw the numbers move.")
RESULT = ("The error rate fell from {a}% to {b}% in seven weeks, and the pages were 40% faster "
          "in the busiest hour. We shipped every promised feature but one, and the next "
          "quarter's incidents fell by half.")
FOLLOW_UPS = [
    ("What would you do differently?",
     "I would have set the target with the other teams at the start, not after a month."),
    ("How did you choose the three endpoints?",
     "I ranked them by errors times traffic and checked the top ones with the on-call notes."),
]


def story(n):
    first = PRINCIPLES[n % len(PRINCIPLES)]
    second = PRINCIPLES[(n * 7 + 3) % len(PRINCIPLES)]
    principles = [first] if second == first else [first, second]
    lines = [
        "---",
        f"id: bench-story-{n:04d}",
        f"title: Bringing the error rate of service {n} back under target",
        f"principles: [{', '.join(principles)}]",
        f"tags: [round:{ROUNDS[n % len(ROUNDS)]}, year:{2018 + n % 7}]",
        "---",
        "## Situation", "", SITUATION.format(n=n, k=3 + n % 9), "",
        "## Task", "", TASK, "",
        "## Action", "", ACTION, "",
        "## Result", "", RESULT.format(a=2 + n % 5, b=1), "",
        "## Metrics", "", f"- error rate {2 + n % 5}% -> 1%", "- busiest-hour page time -40%", "",
        "## Follow-ups", "",
    ]
    for question, answer in FOLLOW_UPS:
        lines += [f"### {question}", "", answer, ""]
    return "\n".join(lines)


def main(count, folder):
    os.makedirs(folder, exist_ok=True)
    for n in range(count):
        with open(os.path.join(folder, f"bench-story-{n:04d}.md"), "w", encoding="utf-8") as f:
            f.write(story(n))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
