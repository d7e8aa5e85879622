"""Articles written for these tests."""

FULL = """\
---
title: Council approves the new bridge
subhed: Work starts in spring
author:
  name: Jane Reporter
authors:
  - Jane Reporter
  - name: Sam Writer
author-title: City editor
date: 2024-05-01 14:30:00 +02:00
category: Local
tags: [bridges, council]
layout: post
slug: council-bridge
description: The vote was 7 to 2.
featured-image:
  path: /img/bridge.jpg
  cutline: The old bridge
  credit: City archive
  alt: A steel bridge
budget: 12.5
votes: 7
approved: true
notes: ~
base: &base
  river: Elm
copy: *base
---

# The vote

"We will finish," Jane Doe said.

- first
- second

1. one
2. two

- [ ] open task
- [x] done task

```python
print("hi")
```

<div>raw</div>

---

> A quoted block.

| Left | Middle | Right |
|:-----|:------:|------:|
| a    | b      | c     |

Text with a note.[^1]

[^1]: The note.
"""

# Non-ASCII before and inside the spans: 2-, 3- and 4-byte characters.
UNICODE = """\
---
title: Ünïcödé 🚀
---

Café “naïve” — “Ça va très bien, 😀 merci,” said Zoë Ångström.
"""

MINIMAL = "Just a paragraph.\n"
