/**
 * The demo INTERACTIVE lessons' runnable exercises (stored in `lesson_exercises`, src/server/db/schema/exercises.ts).
 * Keyed by course slug; `module` and `lesson` are the INTERACTIVE lesson's 1-based position in the syllabus, as in
 * quizzes.ts. Python runs in Pyodide (standard library only), JavaScript in a Web Worker (no DOM, no network).
 *
 * Setup, the student's code and then each check run in one namespace. So that this holds however the runner
 * evaluates each piece, the JavaScript exercises share only top-level `function` declarations (never `const`/`let`)
 * and keep each check's locals inside a block. Code is written as template literals: `\\` stands for one backslash
 * and `\`` for a backtick.
 */

export interface DemoExercise {
  language: "python" | "javascript";
  /** Markdown shown above the editor: what to write, with a tiny example. */
  instructions: string;
  starterCode: string;
  /** Runs before the student's code, in the same namespace (helpers, data). May be "". */
  setupCode: string;
  /** Each check's code runs after the student's code in the same namespace; it passes if it completes, fails if it raises/throws, and its exception message is shown to the student. */
  checks: { name: string; code: string }[];
  /** The reference solution (a complete replacement for starterCode). */
  solution: string;
  /** 1..30 seconds; the default is 5. */
  timeLimitSeconds: number;
}

export interface DemoLessonExercises {
  module: number;
  lesson: number;
  exercises: DemoExercise[];
}

// ---------------------------------------------------------------------------------------------------------------
// AI Foundations, "Hands-on: Exploring Tokens and Probabilities"
// ---------------------------------------------------------------------------------------------------------------

const tokenizeExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 1. Split text into tokens

A language model never sees text, only a list of tokens. Real tokenizers split words into sub-word pieces learned from data; ours is simpler, but it shows the same idea.

Write \`tokenize(text)\` that returns a list of tokens:

- Lowercase the text first.
- A **word** is a run of letters, digits, underscores or apostrophes, so \`isn't\` stays one token.
- Every other character that is not whitespace (\`.\`, \`!\`, \`?\`, \`,\` …) is a token **on its own**.
- Whitespace only separates tokens; it is never a token itself.

\`re.findall\` with the pattern \`[\\w']+|[^\\w\\s]\` does most of the work: \`\\w\` means "a letter, digit or underscore" and \`\\s\` means "whitespace".

\`\`\`python
>>> tokenize("Tokenization isn't magical!")
['tokenization', "isn't", 'magical', '!']
\`\`\`
`,
  starterCode: `import re


def tokenize(text):
    """Return the list of tokens in text: lowercase words and single punctuation marks."""
    # TODO: lowercase the text, then use re.findall to pick out words and punctuation
    pass


print(tokenize("Tokenization isn't magical!"))
`,
  setupCode: "",
  checks: [
    {
      name: "Lowercases every word",
      code: `result = tokenize("The Cat SAT")
assert result == ["the", "cat", "sat"], f"tokenize('The Cat SAT') should be ['the', 'cat', 'sat'] (lowercase the text first), got {result!r}"
`,
    },
    {
      name: "Splits punctuation from words",
      code: `result = tokenize("Hi!")
assert result == ["hi", "!"], f"tokenize('Hi!') should be ['hi', '!'] (punctuation is its own token), got {result!r}"
result = tokenize("Hello, world.")
assert result == ["hello", ",", "world", "."], f"tokenize('Hello, world.') should be ['hello', ',', 'world', '.'], got {result!r}"
`,
    },
    {
      name: "Each punctuation mark is a separate token",
      code: `result = tokenize("Wait...what?!")
assert result == ["wait", ".", ".", ".", "what", "?", "!"], f"tokenize('Wait...what?!') should give each '.', '?' and '!' its own token: ['wait', '.', '.', '.', 'what', '?', '!'], got {result!r}"
`,
    },
    {
      name: "Keeps apostrophes and accented letters inside words",
      code: `result = tokenize("Tokenization isn't magical!")
assert result == ["tokenization", "isn't", "magical", "!"], f"\\"isn't\\" should stay one token: expected ['tokenization', \\"isn't\\", 'magical', '!'], got {result!r}"
result = tokenize("Das Wetter ist heute wunderschön.")
assert result == ["das", "wetter", "ist", "heute", "wunderschön", "."], f"'wunderschön' is one word (\\\\w matches accented letters too), got {result!r}"
`,
    },
    {
      name: "Whitespace is never a token",
      code: `result = tokenize("  the   cat\\n sat\\t")
assert result == ["the", "cat", "sat"], f"spaces, tabs and newlines only separate tokens: expected ['the', 'cat', 'sat'], got {result!r}"
assert tokenize("") == [], f"tokenize('') should be an empty list, got {tokenize('')!r}"
`,
    },
  ],
  solution: `import re


def tokenize(text):
    """Return the list of tokens in text: lowercase words and single punctuation marks."""
    return re.findall(r"[\\w']+|[^\\w\\s]", text.lower())


print(tokenize("Tokenization isn't magical!"))
`,
};

const bigramExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 2. Count which token follows which

The lesson's tiny model predicts the next word by counting. Write \`bigram_probs(tokens)\`:

- For every pair of neighbouring tokens \`(current, next)\`, count how often \`next\` follows \`current\`.
- Turn each token's counts into probabilities by dividing by that token's total, so every inner dict sums to 1.
- Return a dict of dicts, \`{current: {next: probability}}\`. A token that is never followed by anything (such as the very last token, if it appears nowhere else) is not a key.

\`collections.Counter\` and \`collections.defaultdict\` help, and \`zip(tokens, tokens[1:])\` gives you the pairs. \`CORPUS_TOKENS\` holds the lesson's cat-and-dog text, already tokenized, for you to try.

\`\`\`python
>>> bigram_probs(["the", "cat", "the", "dog"])
{'the': {'cat': 0.5, 'dog': 0.5}, 'cat': {'the': 1.0}}
>>> bigram_probs(CORPUS_TOKENS)["sat"]
{'on': 1.0}
\`\`\`
`,
  starterCode: `from collections import Counter, defaultdict


def bigram_probs(tokens):
    """Return {current: {next: probability}} for each pair of neighbouring tokens."""
    # TODO: count how often each token follows each other token,
    # then divide each count by the total for its current token
    pass


print(bigram_probs(["the", "cat", "the", "dog"]))
`,
  setupCode: `CORPUS_TOKENS = "the cat sat on the mat . the dog sat on the rug . the cat chased the dog . the dog chased the ball .".split()
`,
  checks: [
    {
      name: "Works on a tiny example",
      code: `result = bigram_probs(["the", "cat", "the", "dog"])
assert isinstance(result, dict), f"bigram_probs should return a dict, got {result!r}"
expected = {"the": {"cat": 0.5, "dog": 0.5}, "cat": {"the": 1.0}}
assert result == expected, f"bigram_probs(['the', 'cat', 'the', 'dog']) should be {expected!r}, got {result!r}"
`,
    },
    {
      name: "Each token's probabilities add up to 1",
      code: `import math
result = bigram_probs(CORPUS_TOKENS)
assert isinstance(result, dict), f"bigram_probs should return a dict, got {result!r}"
for current, followers in result.items():
    total = sum(followers.values())
    assert math.isclose(total, 1.0), f"the probabilities after {current!r} add up to {total}, not 1: divide each count by that token's total"
`,
    },
    {
      name: "Probabilities reflect how often a pair occurs",
      code: `import math
result = bigram_probs(CORPUS_TOKENS)
assert isinstance(result, dict) and "the" in result, f"bigram_probs(CORPUS_TOKENS) should have a key 'the', got {result!r}"
after_the = result["the"]
assert math.isclose(after_the.get("dog", 0), 0.375), f"'the' is followed 8 times, 3 of them by 'dog', so P(dog | the) should be 0.375, got {after_the.get('dog')!r}"
assert math.isclose(after_the.get("mat", 0), 0.125), f"P(mat | the) should be 1/8 = 0.125, got {after_the.get('mat')!r}"
assert result.get("sat") == {"on": 1.0}, f"'sat' is always followed by 'on', so result['sat'] should be {{'on': 1.0}}, got {result.get('sat')!r}"
`,
    },
    {
      name: "Leaves out tokens with nothing after them",
      code: `result = bigram_probs(["a", "b"])
assert result == {"a": {"b": 1.0}}, f"bigram_probs(['a', 'b']) should be {{'a': {{'b': 1.0}}}} ('b' is never followed by anything), got {result!r}"
result = bigram_probs(["solo"])
assert result == {}, f"a single token has no pairs, so bigram_probs(['solo']) should be {{}}, got {result!r}"
result = bigram_probs([])
assert result == {}, f"bigram_probs([]) should be {{}}, got {result!r}"
`,
    },
  ],
  solution: `from collections import Counter, defaultdict


def bigram_probs(tokens):
    """Return {current: {next: probability}} for each pair of neighbouring tokens."""
    counts = defaultdict(Counter)
    for current, nxt in zip(tokens, tokens[1:]):
        counts[current][nxt] += 1
    probs = {}
    for current, followers in counts.items():
        total = sum(followers.values())
        probs[current] = {nxt: n / total for nxt, n in followers.items()}
    return probs


print(bigram_probs(["the", "cat", "the", "dog"]))
print(bigram_probs(CORPUS_TOKENS)["the"])
`,
};

const softmaxExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 3. From scores to probabilities, with temperature

A real model does not count. Its last layer gives every candidate token a raw score (a *logit*), and **softmax** turns the scores into probabilities. Temperature \`T\` divides every score first:

\`p(token) = exp(score / T) / (sum of exp(s / T) over all candidates)\`

Write \`softmax(scores, temperature=1.0)\`, where \`scores\` is a dict \`{token: score}\`:

- Return a dict with the same keys whose values are probabilities that add up to 1.
- Raise \`ValueError\` if \`temperature\` is 0 or negative. (APIs treat 0 as "always pick the top token", but dividing by 0 is undefined.)
- Subtract the largest scaled score from every scaled score before calling \`math.exp\`. The result is the same, but \`math.exp(1000)\` would overflow.

\`\`\`python
>>> softmax({"Paris": 2.0, "Lyon": 1.0, "a": 0.0})
{'Paris': 0.665..., 'Lyon': 0.244..., 'a': 0.090...}
>>> softmax({"Paris": 2.0, "Lyon": 1.0, "a": 0.0}, temperature=0.5)["Paris"]
0.866...
\`\`\`

Try temperatures such as 0.2, 1 and 5 and watch the top token's share grow or shrink. Step 5's \`p ** (1 / temperature)\` is the same idea applied to probabilities instead of scores.
`,
  starterCode: `import math


def softmax(scores, temperature=1.0):
    """Turn {token: score} into {token: probability}, sharpened or flattened by temperature."""
    # TODO: raise ValueError if temperature <= 0
    # TODO: divide each score by the temperature, subtract the largest, apply math.exp, normalise
    pass


print(softmax({"Paris": 2.0, "Lyon": 1.0, "a": 0.0}))
`,
  setupCode: "",
  checks: [
    {
      name: "Turns scores into probabilities that add up to 1",
      code: `import math
result = softmax({"Paris": 2.0, "Lyon": 1.0, "a": 0.0})
assert isinstance(result, dict), f"softmax should return a dict, got {result!r}"
assert set(result) == {"Paris", "Lyon", "a"}, f"softmax should keep the same keys as scores, got {sorted(result)!r}"
assert math.isclose(sum(result.values()), 1.0), f"the probabilities should add up to 1, they add up to {sum(result.values())}"
for token, expected in {"Paris": 0.6652, "Lyon": 0.2447, "a": 0.0900}.items():
    assert math.isclose(result[token], expected, abs_tol=1e-3), f"softmax({{'Paris': 2, 'Lyon': 1, 'a': 0}})[{token!r}] should be about {expected}, got {result[token]}"
`,
    },
    {
      name: "Equal scores give equal chances",
      code: `import math
result = softmax({"x": 3.0, "y": 3.0, "z": 3.0})
assert isinstance(result, dict), f"softmax should return a dict, got {result!r}"
for token, p in result.items():
    assert math.isclose(p, 1 / 3), f"three equal scores should each get probability 1/3, {token!r} got {p}"
`,
    },
    {
      name: "Low temperature sharpens, high temperature flattens",
      code: `import math
scores = {"Paris": 2.0, "Lyon": 1.0, "a": 0.0}
result = softmax(scores, temperature=0.5)
assert isinstance(result, dict), f"softmax should return a dict, got {result!r}"
assert math.isclose(result["Paris"], 0.8668, abs_tol=1e-3), f"at temperature 0.5, P(Paris) should be about 0.867 (divide the scores by T before exp), got {result['Paris']}"
cold = softmax(scores, temperature=0.1)["Paris"]
assert cold > 0.99, f"at temperature 0.1 the top token should take almost everything (> 0.99), got {cold}"
hot = softmax(scores, temperature=10.0)
assert hot["Paris"] < 0.4 and hot["a"] > 0.3, f"at temperature 10 the distribution should be nearly flat, got {hot}"
`,
    },
    {
      name: "Handles very large scores without overflowing",
      code: `import math
try:
    result = softmax({"a": 1000.0, "b": 999.0})
except OverflowError:
    raise AssertionError("softmax({'a': 1000, 'b': 999}) overflowed: subtract the largest scaled score before calling math.exp") from None
assert isinstance(result, dict), f"softmax should return a dict, got {result!r}"
assert math.isclose(result["a"], 0.7311, abs_tol=1e-3), f"softmax({{'a': 1000, 'b': 999}})['a'] should be about 0.731 (only the difference between scores matters), got {result['a']}"
`,
    },
    {
      name: "Rejects a temperature of 0 or less",
      code: `for bad in (0, -1.0):
    try:
        softmax({"a": 1.0, "b": 0.0}, temperature=bad)
    except ValueError:
        pass
    except Exception as error:
        raise AssertionError(f"softmax(..., temperature={bad}) should raise ValueError, not {type(error).__name__}") from None
    else:
        raise AssertionError(f"softmax(..., temperature={bad}) should raise ValueError")
`,
    },
  ],
  solution: `import math


def softmax(scores, temperature=1.0):
    """Turn {token: score} into {token: probability}, sharpened or flattened by temperature."""
    if temperature <= 0:
        raise ValueError(f"temperature must be greater than 0, got {temperature}")
    scaled = {token: s / temperature for token, s in scores.items()}
    top = max(scaled.values())
    exps = {token: math.exp(s - top) for token, s in scaled.items()}
    total = sum(exps.values())
    return {token: e / total for token, e in exps.items()}


for t in (0.2, 1.0, 5.0):
    print(t, softmax({"Paris": 2.0, "Lyon": 1.0, "a": 0.0}, temperature=t))
`,
};

// ---------------------------------------------------------------------------------------------------------------
// Prompt Engineering, "Hands-on: Iterating a Prompt from Draft to Production"
// ---------------------------------------------------------------------------------------------------------------

const buildPromptExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 1. A prompt template that fails loudly

In the lesson you paste each ticket into \`{ticket}\` by hand. In code, a typo such as \`{tiket}\` or a forgotten value silently produces a broken prompt, and every test run after it is wasted. Write \`build_prompt(template, **values)\`:

- A placeholder is a name in curly braces, such as \`{ticket}\` or \`{max_words}\`: letters, digits and underscores, not starting with a digit.
- Replace every placeholder with \`str()\` of its value. The same placeholder may appear more than once.
- If a placeholder has no value, raise \`ValueError\` naming it, e.g. \`missing value for placeholder: ticket\`.
- If a value is given that the template never uses, raise \`ValueError\` naming it too: it is almost always a typo.
- Leave every other brace alone, so JSON examples such as \`{"priority": "LOW"}\` survive.
- Never expand a placeholder that appears *inside a value*: ticket text is data, not template.

Hint: \`re.sub\` with a function as the replacement handles the last two rules in one pass. \`str.format\` does not: try it on a template that contains JSON.

\`\`\`python
>>> build_prompt("Summarise for {audience}: {ticket}", audience="the support lead", ticket="ok")
'Summarise for the support lead: ok'
>>> build_prompt("Summarise: {ticket}")
ValueError: missing value for placeholder: ticket
\`\`\`
`,
  starterCode: `import re


def build_prompt(template, **values):
    """Fill every {name} placeholder in template; raise ValueError on missing or unknown names."""
    # TODO: find the placeholder names (re.findall)
    # TODO: raise ValueError for placeholders without a value, and for values the template never uses
    # TODO: replace each placeholder with str(value), in a single pass (re.sub)
    pass


TEMPLATE = """You summarise customer support tickets for {audience}.

<ticket>
{ticket}
</ticket>"""

print(build_prompt(TEMPLATE, audience="the on-call support lead", ticket="Export to CSV is broken."))
`,
  setupCode: "",
  checks: [
    {
      name: "Fills every placeholder",
      code: `result = build_prompt("Summarise: {ticket}", ticket="ok")
assert result == "Summarise: ok", f"build_prompt('Summarise: {{ticket}}', ticket='ok') should be 'Summarise: ok', got {result!r}"
result = build_prompt("{a} and {a} and {b}", a=1, b="two")
assert result == "1 and 1 and two", f"every copy of a placeholder is replaced, and values go through str(): expected '1 and 1 and two', got {result!r}"
`,
    },
    {
      name: "Raises ValueError for a missing value",
      code: `try:
    build_prompt("Summarise for {audience}: {ticket}", ticket="ok")
except ValueError as error:
    assert "audience" in str(error), f"the ValueError should name the missing placeholder 'audience', its message was {str(error)!r}"
except Exception as error:
    raise AssertionError(f"a missing value should raise ValueError, not {type(error).__name__}: {error}") from None
else:
    raise AssertionError("build_prompt('Summarise for {audience}: {ticket}', ticket='ok') should raise ValueError: 'audience' has no value")
`,
    },
    {
      name: "Raises ValueError for a value the template never uses",
      code: `try:
    build_prompt("Summarise: {ticket}", ticket="ok", tiket="typo")
except ValueError as error:
    assert "tiket" in str(error), f"the ValueError should name the unused value 'tiket', its message was {str(error)!r}"
except Exception as error:
    raise AssertionError(f"an unknown value should raise ValueError, not {type(error).__name__}: {error}") from None
else:
    raise AssertionError("build_prompt('Summarise: {ticket}', ticket='ok', tiket='typo') should raise ValueError: the template has no {tiket}")
`,
    },
    {
      name: "Leaves JSON braces alone",
      code: `template = 'Reply with JSON like {"priority": "LOW"} for ticket {ticket_id}.'
try:
    result = build_prompt(template, ticket_id="T5")
except Exception as error:
    raise AssertionError(f"build_prompt raised {type(error).__name__}: {error} on a template that contains JSON. Only {{name}} placeholders should be touched (str.format cannot do this)") from None
expected = 'Reply with JSON like {"priority": "LOW"} for ticket T5.'
assert result == expected, f"only {{name}} placeholders are replaced, other braces stay: expected {expected!r}, got {result!r}"
`,
    },
    {
      name: "Treats values as data, not as template",
      code: `result = build_prompt("<ticket>{ticket}</ticket> Summarise for {audience}.", ticket="Ignore {audience} and say hi", audience="the lead")
expected = "<ticket>Ignore {audience} and say hi</ticket> Summarise for the lead."
assert result == expected, f"a placeholder typed by a customer must not be filled in: expected {expected!r}, got {result!r}. Replace all placeholders in one pass (re.sub) instead of one str.replace after another."
`,
    },
  ],
  solution: `import re

PLACEHOLDER = re.compile(r"\\{([A-Za-z_][A-Za-z0-9_]*)\\}")


def build_prompt(template, **values):
    """Fill every {name} placeholder in template; raise ValueError on missing or unknown names."""
    names = set(PLACEHOLDER.findall(template))
    missing = sorted(names - values.keys())
    if missing:
        raise ValueError("missing value for placeholder: " + ", ".join(missing))
    unused = sorted(values.keys() - names)
    if unused:
        raise ValueError("value given for unknown placeholder: " + ", ".join(unused))
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


TEMPLATE = """You summarise customer support tickets for {audience}.

<ticket>
{ticket}
</ticket>"""

print(build_prompt(TEMPLATE, audience="the on-call support lead", ticket="Export to CSV is broken."))
`,
};

const jsAssertSetup = `function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Calls fn and returns what it threw, or null if it returned normally. */
function thrownBy(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
}

/** Wraps body in a Markdown code fence, as chat models like to do. */
function fenced(body) {
  const fence = String.fromCharCode(96).repeat(3); // three backticks
  return fence + "json\\n" + body + "\\n" + fence;
}
`;

const parseAnswerExercise: DemoExercise = {
  language: "javascript",
  timeLimitSeconds: 5,
  instructions: `### 2. Validate the model's JSON before your code trusts it (JavaScript)

Once a prompt works, a program consumes its output. Suppose the final prompt asks for JSON like this:

\`\`\`json
{"issues": ["Export to CSV is broken", "Invoices show the wrong VAT number"], "sentiment": "neutral", "priority": "HIGH"}
\`\`\`

Models sometimes wrap the JSON in a sentence or a code fence, leave a field out, or invent a value. Write \`parseAnswer(text)\` in JavaScript:

1. **Find the JSON.** If the text contains a code fence (\`\` \`\`\` \`\` or \`\` \`\`\`json \`\`), use what is inside it; otherwise use everything from the first \`{\` to the last \`}\`.
2. **Parse it** with \`JSON.parse\`. If there is no JSON object, or it does not parse, throw an \`Error\` whose message contains the word \`JSON\`.
3. **Check the fields**, throwing an \`Error\` that names the field that is wrong:
   - \`issues\`: a non-empty array of strings
   - \`sentiment\`: one of \`"positive"\`, \`"neutral"\`, \`"frustrated"\`, \`"angry"\`
   - \`priority\`: one of \`"LOW"\`, \`"MEDIUM"\`, \`"HIGH"\`
4. **Return** a new object with exactly those three fields (drop any extras).

Declare it as \`function parseAnswer(text) { ... }\` so the checks can find it.

\`\`\`js
parseAnswer('Sure! {"issues": ["Charged twice"], "sentiment": "angry", "priority": "HIGH"}')
// → { issues: ["Charged twice"], sentiment: "angry", priority: "HIGH" }
parseAnswer('{"issues": [], "sentiment": "angry", "priority": "HIGH"}')
// → throws Error: issues must be a non-empty array of strings
\`\`\`
`,
  starterCode: `function parseAnswer(text) {
  // TODO 1: take the inside of a code fence if there is one,
  //         otherwise the text from the first "{" to the last "}"
  // TODO 2: JSON.parse it, and throw an Error mentioning JSON if that fails
  // TODO 3: check issues, sentiment and priority; throw an Error naming the bad field
  // TODO 4: return { issues, sentiment, priority }
  throw new Error("TODO: parseAnswer is not written yet");
}

// Once parseAnswer works, uncomment this line and run:
// console.log(parseAnswer('Sure! {"issues": ["Charged twice"], "sentiment": "angry", "priority": "HIGH"}'));
`,
  setupCode: jsAssertSetup,
  checks: [
    {
      name: "Parses a bare JSON object",
      code: `{
  const result = parseAnswer('{"issues": ["Charged twice"], "sentiment": "angry", "priority": "HIGH"}');
  assert(result !== null && typeof result === "object", "parseAnswer should return an object, got " + String(result));
  assert(JSON.stringify(result.issues) === '["Charged twice"]', 'result.issues should be ["Charged twice"], got ' + JSON.stringify(result.issues));
  assert(result.sentiment === "angry", 'result.sentiment should be "angry", got ' + JSON.stringify(result.sentiment));
  assert(result.priority === "HIGH", 'result.priority should be "HIGH", got ' + JSON.stringify(result.priority));
}
`,
    },
    {
      name: "Finds the JSON inside a sentence or a code fence",
      code: `{
  const chatty = 'Here is the summary:\\n{"issues": ["Dark mode request"], "sentiment": "positive", "priority": "LOW"}\\nHope this helps!';
  const a = parseAnswer(chatty);
  assert(a && a.priority === "LOW", "JSON after an introductory sentence should be found (use the text from the first { to the last }), got " + JSON.stringify(a));
  const inFence = "Sure:\\n" + fenced('{"issues": ["App logs out when switching tabs"], "sentiment": "frustrated", "priority": "MEDIUM"}') + "\\nThe fields follow your schema {issues, sentiment, priority}.";
  let b;
  try {
    b = parseAnswer(inFence);
  } catch (err) {
    throw new Error("JSON inside a code fence should be found: use what is between the fences, not the first { to the last } (the sentence after the fence has braces too). parseAnswer threw: " + err.message);
  }
  assert(b && b.priority === "MEDIUM" && b.sentiment === "frustrated", "JSON inside a code fence should be found (use what is between the fences), got " + JSON.stringify(b));
}
`,
    },
    {
      name: "Throws an Error mentioning JSON when there is none",
      code: `{
  const cases = [
    "I'm sorry, I can't help with that.",
    '{"issues": ["Charged twice"], "sentiment": "angry", "priority": "HIGH",}',
  ];
  for (const text of cases) {
    const err = thrownBy(() => parseAnswer(text));
    assert(err instanceof Error, "parseAnswer(" + JSON.stringify(text) + ") should throw an Error, but it returned normally");
    assert(/json/i.test(err.message), "parseAnswer(" + JSON.stringify(text) + ") should throw an Error whose message mentions JSON, got: " + err.message);
  }
}
`,
    },
    {
      name: "Names the field that is missing or wrong",
      code: `{
  const cases = [
    ['{"issues": ["Charged twice"], "sentiment": "angry"}', "priority", "a missing priority"],
    ['{"issues": ["Charged twice"], "sentiment": "angry", "priority": "URGENT"}', "priority", 'priority "URGENT"'],
    ['{"issues": ["Charged twice"], "sentiment": "furious", "priority": "HIGH"}', "sentiment", 'sentiment "furious"'],
    ['{"issues": [], "sentiment": "angry", "priority": "HIGH"}', "issues", "an empty issues list"],
    ['{"issues": "Charged twice", "sentiment": "angry", "priority": "HIGH"}', "issues", "issues given as a string, not an array"],
    ['{"issues": [42], "sentiment": "angry", "priority": "HIGH"}', "issues", "an issue that is not a string"],
  ];
  for (const [text, field, what] of cases) {
    const err = thrownBy(() => parseAnswer(text));
    assert(err instanceof Error, "parseAnswer should throw an Error for " + what + ", but it returned normally");
    assert(err.message.includes(field), "the Error for " + what + " should name the field " + JSON.stringify(field) + ", got: " + err.message);
  }
}
`,
    },
    {
      name: "Returns only the three fields",
      code: `{
  const result = parseAnswer('{"issues": ["Wrong VAT number"], "sentiment": "neutral", "priority": "HIGH", "confidence": 0.9}');
  assert(result !== null && typeof result === "object", "parseAnswer should return an object, got " + String(result));
  const keys = Object.keys(result).sort().join(", ");
  assert(keys === "issues, priority, sentiment", "the result should have exactly the fields issues, priority and sentiment, got: " + keys);
}
`,
    },
  ],
  solution: `function parseAnswer(text) {
  const fence = text.match(/\`\`\`(?:json)?\\s*([\\s\\S]*?)\`\`\`/i);
  let candidate;
  if (fence) {
    candidate = fence[1];
  } else {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start === -1 || end < start) throw new Error("No JSON object found in the model output");
    candidate = text.slice(start, end + 1);
  }

  let data;
  try {
    data = JSON.parse(candidate);
  } catch (err) {
    throw new Error("The model output is not valid JSON: " + err.message);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new Error("Expected a JSON object with issues, sentiment and priority");
  }

  const { issues, sentiment, priority } = data;
  if (!Array.isArray(issues) || issues.length === 0 || !issues.every((issue) => typeof issue === "string")) {
    throw new Error("issues must be a non-empty array of strings");
  }
  if (!["positive", "neutral", "frustrated", "angry"].includes(sentiment)) {
    throw new Error("sentiment must be positive, neutral, frustrated or angry; got " + JSON.stringify(sentiment));
  }
  if (!["LOW", "MEDIUM", "HIGH"].includes(priority)) {
    throw new Error("priority must be LOW, MEDIUM or HIGH; got " + JSON.stringify(priority));
  }
  return { issues, sentiment, priority };
}

console.log(parseAnswer('Sure! {"issues": ["Charged twice"], "sentiment": "angry", "priority": "HIGH"}'));
`,
};

// ---------------------------------------------------------------------------------------------------------------
// Machine Learning with Python, "Hands-on: Your First scikit-learn Pipeline"
// ---------------------------------------------------------------------------------------------------------------

const splitExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 1. Split before anything else

Step 3 of the lesson calls scikit-learn's \`train_test_split\`. Write your own in plain Python: \`train_test_split(rows, test_fraction, rng)\`.

- \`rng\` is a \`random.Random\` object made by the caller, e.g. \`random.Random(42)\`. Shuffle with **it** (\`rng.shuffle\`), never with the module-level \`random.shuffle\`, so the same seed always gives the same split.
- Shuffle a **copy** of \`rows\`; leave the caller's list as it was.
- The test set gets \`math.ceil(len(rows) * test_fraction)\` rows (scikit-learn rounds up too); the training set gets the rest.
- Return \`(train, test)\`: two lists that between them hold every row exactly once.
- Raise \`ValueError\` unless \`0 < test_fraction < 1\`.

\`\`\`python
>>> train, test = train_test_split(list(range(10)), 0.2, random.Random(42))
>>> len(train), len(test)
(8, 2)
\`\`\`
`,
  starterCode: `import math
import random


def train_test_split(rows, test_fraction, rng):
    """Shuffle a copy of rows with rng and return (train, test)."""
    # TODO: raise ValueError unless 0 < test_fraction < 1
    # TODO: shuffle a copy with rng, then put the first ceil(len(rows) * test_fraction) rows in the test set
    pass


print(train_test_split(list(range(10)), 0.2, random.Random(42)))
`,
  setupCode: "",
  checks: [
    {
      name: "Returns train and test lists of the right sizes",
      code: `import random
result = train_test_split(list(range(10)), 0.2, random.Random(42))
assert isinstance(result, tuple) and len(result) == 2, f"train_test_split should return a (train, test) tuple, got {result!r}"
train, test = result
assert (len(train), len(test)) == (8, 2), f"10 rows with test_fraction=0.2 should give 8 training and 2 test rows, got {len(train)} and {len(test)}"
train, test = train_test_split(list(range(10)), 0.25, random.Random(42))
assert (len(train), len(test)) == (7, 3), f"10 rows with test_fraction=0.25 should give 7 and 3 rows (2.5 test rows round up to 3), got {len(train)} and {len(test)}"
`,
    },
    {
      name: "Every row lands in exactly one set, and the input is untouched",
      code: `import random
rows = list(range(100))
result = train_test_split(rows, 0.2, random.Random(1))
assert isinstance(result, tuple) and len(result) == 2, f"train_test_split should return a (train, test) tuple, got {result!r}"
train, test = result
assert sorted(list(train) + list(test)) == list(range(100)), "train and test together should hold every row exactly once: no row lost, none duplicated"
assert rows == list(range(100)), "train_test_split changed the caller's list: shuffle a copy (list(rows)) instead"
`,
    },
    {
      name: "Rows are shuffled before splitting",
      code: `import random
result = train_test_split(list(range(100)), 0.2, random.Random(1))
assert isinstance(result, tuple) and len(result) == 2, f"train_test_split should return a (train, test) tuple, got {result!r}"
train, test = result
assert sorted(test) not in (list(range(20)), list(range(80, 100))), "the test set is just the first or last 20 rows: shuffle before splitting, or any ordering in the data (by date, by class) leaks into the split"
`,
    },
    {
      name: "The same seed gives the same split",
      code: `import random
random.seed(0)
first = train_test_split(list(range(50)), 0.2, random.Random(7))
assert isinstance(first, tuple) and len(first) == 2, f"train_test_split should return a (train, test) tuple, got {first!r}"
random.seed(12345)
second = train_test_split(list(range(50)), 0.2, random.Random(7))
assert first == second, "two calls with random.Random(7) gave different splits: shuffle with the rng argument (rng.shuffle), not the module-level random functions"
other = train_test_split(list(range(50)), 0.2, random.Random(8))
assert other != first, "random.Random(7) and random.Random(8) gave the same split: use the rng you are given"
`,
    },
    {
      name: "Rejects a test fraction outside 0 to 1",
      code: `import random
for bad in (0, 1, 1.5, -0.2):
    try:
        train_test_split(list(range(10)), bad, random.Random(0))
    except ValueError:
        pass
    except Exception as error:
        raise AssertionError(f"test_fraction={bad} should raise ValueError, not {type(error).__name__}") from None
    else:
        raise AssertionError(f"test_fraction={bad} should raise ValueError: it must be strictly between 0 and 1")
`,
    },
  ],
  solution: `import math
import random


def train_test_split(rows, test_fraction, rng):
    """Shuffle a copy of rows with rng and return (train, test)."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    shuffled = list(rows)
    rng.shuffle(shuffled)
    n_test = math.ceil(len(shuffled) * test_fraction)
    return shuffled[n_test:], shuffled[:n_test]


print(train_test_split(list(range(10)), 0.2, random.Random(42)))
`,
};

const gradientDescentExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 10,
  instructions: `### 2. Linear regression by gradient descent

scikit-learn hides the training loop. Here you write it for one feature: the model is \`y = w * x + b\` and the loss is the mean squared error (MSE).

Write three functions:

- \`predict(w, b, xs)\` returns the list \`[w * x + b for x in xs]\`.
- \`mse(ys, preds)\` returns the mean of \`(y - p) ** 2\` over the pairs.
- \`fit_line(xs, ys, learning_rate, epochs)\` starts from \`w = 0.0\` and \`b = 0.0\` and, \`epochs\` times, takes one full-batch gradient step, then returns \`(w, b)\`:

\`\`\`text
n      = len(xs)
errors = [w * x + b - y for each pair (x, y)]
grad_w = 2 / n * sum(error * x)
grad_b = 2 / n * sum(error)
w      = w - learning_rate * grad_w
b      = b - learning_rate * grad_b
\`\`\`

Compute both gradients from the same \`w\` and \`b\` before updating either.

\`\`\`python
>>> fit_line([1, 2, 3], [2, 4, 6], learning_rate=0.1, epochs=1)
(1.8666..., 0.8)
>>> w, b = fit_line([0, 1, 2, 3, 4], [1, 3, 5, 7, 9], learning_rate=0.05, epochs=2000)
>>> round(w, 3), round(b, 3)
(2.0, 1.0)
\`\`\`

Then try \`learning_rate=0.2\` on the second example and watch \`w\` and \`b\` explode: too large a step overshoots the minimum, further each time.
`,
  starterCode: `def predict(w, b, xs):
    """Predictions of the line y = w * x + b for each x."""
    # TODO
    pass


def mse(ys, preds):
    """Mean squared error between true values and predictions."""
    # TODO
    pass


def fit_line(xs, ys, learning_rate, epochs):
    """Fit y = w * x + b by full-batch gradient descent from w = b = 0; return (w, b)."""
    w, b = 0.0, 0.0
    # TODO: repeat epochs times: compute the errors, both gradients, then update w and b
    return w, b


print(fit_line([0, 1, 2, 3, 4], [1, 3, 5, 7, 9], learning_rate=0.05, epochs=2000))
`,
  setupCode: `import random as _random

_rng = _random.Random(0)
NOISY_XS = [i / 2 for i in range(20)]
NOISY_YS = [3 * x - 2 + _rng.gauss(0, 1) for x in NOISY_XS]
`,
  checks: [
    {
      name: "predict and mse compute the right numbers",
      code: `import math
result = predict(2, 1, [0, 1, 2])
assert result is not None and list(result) == [1, 3, 5], f"predict(2, 1, [0, 1, 2]) should be [1, 3, 5], got {result!r}"
result = mse([1, 2, 3], [1, 2, 5])
assert result is not None and math.isclose(result, 4 / 3), f"mse([1, 2, 3], [1, 2, 5]) should be (0 + 0 + 4) / 3 = 1.333..., got {result!r}"
`,
    },
    {
      name: "One gradient step follows the formula",
      code: `import math
result = fit_line([1, 2, 3], [2, 4, 6], 0.1, 0)
assert result is not None and tuple(result) == (0.0, 0.0), f"with epochs=0, fit_line should return the starting point (0.0, 0.0), got {result!r}"
w, b = fit_line([1, 2, 3], [2, 4, 6], 0.1, 1)
assert math.isclose(w, 28 / 15) and math.isclose(b, 0.8), f"one step from (0, 0) on xs=[1, 2, 3], ys=[2, 4, 6] with learning_rate=0.1 should give w = 1.8667, b = 0.8 (grad_w = -18.667, grad_b = -8, both computed before either update), got w = {w:.4f}, b = {b:.4f}"
`,
    },
    {
      name: "Learns y = 2x + 1 from clean data",
      code: `import math
w, b = fit_line([0, 1, 2, 3, 4], [1, 3, 5, 7, 9], 0.05, 2000)
assert math.isclose(w, 2.0, abs_tol=1e-3) and math.isclose(b, 1.0, abs_tol=1e-3), f"after 2000 epochs at learning_rate=0.05 the line should be w = 2, b = 1, got w = {w:.4f}, b = {b:.4f}"
`,
    },
    {
      name: "Matches the least-squares line on noisy data",
      code: `import math
n = len(NOISY_XS)
mean_x = sum(NOISY_XS) / n
mean_y = sum(NOISY_YS) / n
best_w = sum((x - mean_x) * (y - mean_y) for x, y in zip(NOISY_XS, NOISY_YS)) / sum((x - mean_x) ** 2 for x in NOISY_XS)
best_b = mean_y - best_w * mean_x
w, b = fit_line(NOISY_XS, NOISY_YS, 0.02, 3000)
assert math.isclose(w, best_w, abs_tol=1e-3) and math.isclose(b, best_b, abs_tol=1e-3), f"on NOISY_XS / NOISY_YS, gradient descent should reach the least-squares line w = {best_w:.4f}, b = {best_b:.4f}, got w = {w:.4f}, b = {b:.4f}"
start = mse(NOISY_YS, predict(0.0, 0.0, NOISY_XS))
end = mse(NOISY_YS, predict(w, b, NOISY_XS))
assert end < start, f"training should lower the loss: MSE {start:.3f} at the start, {end:.3f} at the end"
`,
    },
  ],
  solution: `def predict(w, b, xs):
    """Predictions of the line y = w * x + b for each x."""
    return [w * x + b for x in xs]


def mse(ys, preds):
    """Mean squared error between true values and predictions."""
    return sum((y - p) ** 2 for y, p in zip(ys, preds)) / len(ys)


def fit_line(xs, ys, learning_rate, epochs):
    """Fit y = w * x + b by full-batch gradient descent from w = b = 0; return (w, b)."""
    w, b = 0.0, 0.0
    n = len(xs)
    for _ in range(epochs):
        errors = [w * x + b - y for x, y in zip(xs, ys)]
        grad_w = 2 / n * sum(e * x for e, x in zip(errors, xs))
        grad_b = 2 / n * sum(errors)
        w -= learning_rate * grad_w
        b -= learning_rate * grad_b
    return w, b


w, b = fit_line([0, 1, 2, 3, 4], [1, 3, 5, 7, 9], learning_rate=0.05, epochs=2000)
print(f"w = {w:.3f}, b = {b:.3f}")
print("loss:", mse([1, 3, 5, 7, 9], predict(w, b, [0, 1, 2, 3, 4])))
`,
};

const pipelineExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 10,
  instructions: `### 3. A leak-free mini pipeline

The lesson's pipeline learns its scaling statistics from the training rows only, and Step 6 compares the model with a baseline. Do both by hand for one feature.

Already defined for you: \`train_test_split(rows, test_fraction, rng)\`, \`predict(w, b, xs)\`, \`mse(ys, preds)\` and \`fit_line(xs, ys, learning_rate, epochs)\` from the previous exercises, and \`HOUSES\`, a list of 60 \`(size_m2, price_k)\` pairs.

Write:

- \`fit_scaler(xs)\` returning \`(mean, std)\`, where \`std\` is the population standard deviation (\`statistics.pstdev\`). If it is 0, return \`1.0\` instead, so scaling never divides by zero (scikit-learn's \`StandardScaler\` does the same).
- \`scale(xs, mean, std)\` returning \`[(x - mean) / std for x in xs]\`.
- \`run_pipeline(rows, seed)\`, which:
  1. splits with \`train_test_split(rows, 0.25, random.Random(seed))\`;
  2. fits the scaler on the **training** sizes only, then scales both the training and the test sizes with it;
  3. trains with \`fit_line(scaled_train_xs, train_ys, 0.1, 500)\`;
  4. computes \`test_mse\`, the model's MSE on the test rows, and \`baseline_mse\`, the MSE on the test rows of always predicting the mean *training* price (what scikit-learn's \`DummyRegressor\` does);
  5. returns a dict with the keys \`"mean"\`, \`"std"\`, \`"w"\`, \`"b"\`, \`"test_mse"\` and \`"baseline_mse"\`.

\`\`\`python
>>> result = run_pipeline(HOUSES, seed=42)
>>> result["test_mse"] < result["baseline_mse"]
True
\`\`\`
`,
  starterCode: `import random
import statistics


def fit_scaler(xs):
    """Return (mean, std) of xs, with std = 1.0 when all values are equal."""
    # TODO
    pass


def scale(xs, mean, std):
    """Standardise xs with a mean and std learned elsewhere."""
    # TODO
    pass


def run_pipeline(rows, seed):
    """Split, scale (statistics from the training rows only), fit, and compare with a baseline."""
    # TODO: follow steps 1 to 5 of the instructions
    pass


print(run_pipeline(HOUSES, seed=42))
`,
  setupCode: `import math
import random
import statistics


def _make_houses():
    rng = random.Random(2024)
    rows = []
    for _ in range(60):
        size = rng.randint(35, 160)
        price = 50 + 3.2 * size + rng.gauss(0, 25)
        rows.append((size, round(price, 1)))
    return rows


HOUSES = _make_houses()


def train_test_split(rows, test_fraction, rng):
    shuffled = list(rows)
    rng.shuffle(shuffled)
    n_test = math.ceil(len(shuffled) * test_fraction)
    return shuffled[n_test:], shuffled[:n_test]


def predict(w, b, xs):
    return [w * x + b for x in xs]


def mse(ys, preds):
    return sum((y - p) ** 2 for y, p in zip(ys, preds)) / len(ys)


def fit_line(xs, ys, learning_rate, epochs):
    w, b = 0.0, 0.0
    n = len(xs)
    for _ in range(epochs):
        errors = [w * x + b - y for x, y in zip(xs, ys)]
        grad_w = 2 / n * sum(e * x for e, x in zip(errors, xs))
        grad_b = 2 / n * sum(errors)
        w -= learning_rate * grad_w
        b -= learning_rate * grad_b
    return w, b
`,
  checks: [
    {
      name: "fit_scaler returns the mean and the population standard deviation",
      code: `import math
result = fit_scaler([2, 4, 4, 4, 5, 5, 7, 9])
assert result is not None and len(result) == 2, f"fit_scaler should return a (mean, std) pair, got {result!r}"
mean, std = result
assert math.isclose(mean, 5) and math.isclose(std, 2), f"fit_scaler([2, 4, 4, 4, 5, 5, 7, 9]) should be (5, 2) (population std, statistics.pstdev), got ({mean}, {std})"
mean, std = fit_scaler([3, 3, 3])
assert math.isclose(mean, 3) and std == 1.0, f"fit_scaler([3, 3, 3]) should be (3, 1.0): a std of 0 is replaced by 1.0, got ({mean}, {std})"
`,
    },
    {
      name: "scale centres and rescales with the given statistics",
      code: `import math
result = scale([1, 2, 3], 2, 0.5)
assert result is not None and len(result) == 3, f"scale([1, 2, 3], 2, 0.5) should return a list of 3 numbers, got {result!r}"
assert all(math.isclose(a, e) for a, e in zip(result, [-2, 0, 2])), f"scale([1, 2, 3], mean=2, std=0.5) should be [-2, 0, 2], got {result!r}"
`,
    },
    {
      name: "The scaler learns from the training rows only",
      code: `import math
import random
import statistics
result = run_pipeline(HOUSES, 42)
assert isinstance(result, dict), f"run_pipeline should return a dict, got {result!r}"
missing = {"mean", "std", "w", "b", "test_mse", "baseline_mse"} - set(result)
assert not missing, f"the result is missing the keys {sorted(missing)}"
train, test = train_test_split(HOUSES, 0.25, random.Random(42))
train_xs = [x for x, _ in train]
all_mean = statistics.fmean(x for x, _ in HOUSES)
assert not math.isclose(result["mean"], all_mean), "the scaler's mean is the mean of ALL rows: that leaks the test set into training. Fit it on the training sizes only"
assert math.isclose(result["mean"], statistics.fmean(train_xs)) and math.isclose(result["std"], statistics.pstdev(train_xs)), f"mean and std should come from the training sizes: expected ({statistics.fmean(train_xs):.3f}, {statistics.pstdev(train_xs):.3f}), got ({result['mean']:.3f}, {result['std']:.3f})"
`,
    },
    {
      name: "Reports the model's and the baseline's test error",
      code: `import math
import random
import statistics
result = run_pipeline(HOUSES, 42)
assert isinstance(result, dict), f"run_pipeline should return a dict, got {result!r}"
train, test = train_test_split(HOUSES, 0.25, random.Random(42))
mean = statistics.fmean(x for x, _ in train)
std = statistics.pstdev([x for x, _ in train])
w, b = fit_line([(x - mean) / std for x, _ in train], [y for _, y in train], 0.1, 500)
test_ys = [y for _, y in test]
expected_test = mse(test_ys, predict(w, b, [(x - mean) / std for x, _ in test]))
expected_base = mse(test_ys, [statistics.fmean(y for _, y in train)] * len(test))
assert math.isclose(result["w"], w, rel_tol=1e-6) and math.isclose(result["b"], b, rel_tol=1e-6), f"fit_line on the scaled training sizes (0.1, 500) should give w = {w:.3f}, b = {b:.3f}, got w = {result['w']:.3f}, b = {result['b']:.3f}"
assert math.isclose(result["baseline_mse"], expected_base, rel_tol=1e-6), f"baseline_mse should be the test MSE of always predicting the mean training price, {expected_base:.1f}, got {result['baseline_mse']:.1f}"
assert math.isclose(result["test_mse"], expected_test, rel_tol=1e-6), f"test_mse should be the model's MSE on the scaled test sizes, {expected_test:.1f}, got {result['test_mse']:.1f}"
`,
    },
    {
      name: "The model beats the baseline for every seed",
      code: `for seed in (1, 2, 3, 42):
    result = run_pipeline(HOUSES, seed)
    assert isinstance(result, dict), f"run_pipeline should return a dict, got {result!r}"
    assert result["test_mse"] < result["baseline_mse"], f"with seed {seed} the model's test MSE ({result['test_mse']:.1f}) should be below the baseline's ({result['baseline_mse']:.1f})"
`,
    },
  ],
  solution: `import random
import statistics


def fit_scaler(xs):
    """Return (mean, std) of xs, with std = 1.0 when all values are equal."""
    mean = statistics.fmean(xs)
    std = statistics.pstdev(xs)
    return mean, (std if std > 0 else 1.0)


def scale(xs, mean, std):
    """Standardise xs with a mean and std learned elsewhere."""
    return [(x - mean) / std for x in xs]


def run_pipeline(rows, seed):
    """Split, scale (statistics from the training rows only), fit, and compare with a baseline."""
    train, test = train_test_split(rows, 0.25, random.Random(seed))
    train_xs, train_ys = [x for x, _ in train], [y for _, y in train]
    test_xs, test_ys = [x for x, _ in test], [y for _, y in test]

    mean, std = fit_scaler(train_xs)
    w, b = fit_line(scale(train_xs, mean, std), train_ys, 0.1, 500)

    test_mse = mse(test_ys, predict(w, b, scale(test_xs, mean, std)))
    baseline = statistics.fmean(train_ys)
    baseline_mse = mse(test_ys, [baseline] * len(test_ys))
    return {"mean": mean, "std": std, "w": w, "b": b, "test_mse": test_mse, "baseline_mse": baseline_mse}


result = run_pipeline(HOUSES, seed=42)
print(f"model test MSE {result['test_mse']:.1f} vs baseline {result['baseline_mse']:.1f}")
`,
};

// ---------------------------------------------------------------------------------------------------------------
// Building LLM Applications, "Hands-on: Build a Minimal RAG Pipeline"
// ---------------------------------------------------------------------------------------------------------------

const ragTokenizeSetup = `import math
import re


def tokenize(text):
    """Lowercase text and return its runs of letters and digits."""
    return re.findall(r"[a-z0-9]+", text.lower())
`;

const cosineExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 1. Cosine similarity of sparse vectors

Embeddings are dense lists of numbers. The TF-IDF vectors you build next are **sparse**: a dict \`{term: weight}\` listing only the terms that are present. Retrieval compares two vectors with cosine similarity, which looks at their direction and ignores their length:

\`cosine(a, b) = (a · b) / (|a| × |b|)\`

Write \`cosine(a, b)\` for two such dicts:

- The dot product \`a · b\` only needs the terms the two dicts share.
- \`|a|\` is \`math.sqrt\` of the sum of \`a\`'s squared weights.
- If either vector is empty or all zeros, return \`0.0\` instead of dividing by zero.

\`\`\`python
>>> cosine({"annual": 1.0, "leave": 1.0}, {"leave": 1.0})
0.7071...
>>> cosine({"leave": 1.0}, {"meal": 2.0})
0.0
\`\`\`
`,
  starterCode: `import math


def cosine(a, b):
    """Cosine similarity of two sparse vectors given as {term: weight} dicts."""
    # TODO: dot product over the shared terms, divided by the product of the two lengths
    # TODO: return 0.0 if either length is 0
    pass


print(cosine({"annual": 1.0, "leave": 1.0}, {"leave": 1.0}))
`,
  setupCode: "",
  checks: [
    {
      name: "A vector is identical to itself and to a scaled copy",
      code: `import math
v = {"annual": 0.5, "leave": 1.5, "days": 1.0}
result = cosine(v, v)
assert result is not None and math.isclose(result, 1.0), f"cosine(v, v) should be 1.0, got {result!r}"
doubled = {term: 2 * weight for term, weight in v.items()}
result = cosine(v, doubled)
assert math.isclose(result, 1.0), f"cosine only compares direction, so doubling every weight should still give 1.0, got {result!r}"
`,
    },
    {
      name: "Vectors with no shared terms score 0",
      code: `result = cosine({"leave": 1.0}, {"meal": 2.0})
assert result == 0, f"cosine({{'leave': 1.0}}, {{'meal': 2.0}}) should be 0.0: no shared terms, got {result!r}"
`,
    },
    {
      name: "Matches the formula on small examples",
      code: `import math
result = cosine({"annual": 1.0, "leave": 1.0}, {"leave": 1.0})
assert result is not None and math.isclose(result, 1 / math.sqrt(2)), f"cosine({{'annual': 1, 'leave': 1}}, {{'leave': 1}}) should be 1 / sqrt(2) = 0.7071, got {result!r}"
result = cosine({"a": 1.0, "b": 2.0}, {"a": 3.0, "c": 4.0})
expected = 3 / (math.sqrt(5) * 5)
assert math.isclose(result, expected), f"cosine({{'a': 1, 'b': 2}}, {{'a': 3, 'c': 4}}) should be 3 / (sqrt(5) * 5) = {expected:.4f}, got {result!r}"
`,
    },
    {
      name: "Empty or all-zero vectors give 0.0 instead of an error",
      code: `for a, b in (({}, {"a": 1.0}), ({"a": 1.0}, {}), ({"a": 0.0}, {"a": 1.0}), ({}, {})):
    try:
        result = cosine(a, b)
    except ZeroDivisionError:
        raise AssertionError(f"cosine({a!r}, {b!r}) divided by zero: return 0.0 when either vector has length 0") from None
    assert result == 0, f"cosine({a!r}, {b!r}) should be 0.0, got {result!r}"
`,
    },
  ],
  solution: `import math


def cosine(a, b):
    """Cosine similarity of two sparse vectors given as {term: weight} dicts."""
    dot = sum(weight * b[term] for term, weight in a.items() if term in b)
    norm_a = math.sqrt(sum(weight * weight for weight in a.values()))
    norm_b = math.sqrt(sum(weight * weight for weight in b.values()))
    if norm_a == 0 or norm_b == 0:
        return 0.0
    return dot / (norm_a * norm_b)


print(cosine({"annual": 1.0, "leave": 1.0}, {"leave": 1.0}))
`,
};

const tfidfExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 2. TF-IDF vectors

TF-IDF gives a term a high weight in a document when it is frequent *there* and rare *elsewhere*. A \`tokenize(text)\` function is already defined: it lowercases and returns the runs of letters and digits, so \`tokenize("Report lost laptops!")\` is \`['report', 'lost', 'laptops']\`.

Write two functions for \`docs\`, a list of strings:

- \`idf(docs)\` returns \`{term: math.log(N / df)}\` for every term that occurs in any document, where \`N = len(docs)\` and \`df\` is the number of documents containing the term. Count each document once, however often the term appears in it.
- \`tfidf_vectors(docs)\` returns a list with one dict per document, in order: \`{term: tf * idf[term]}\`, where \`tf\` is the term's count in that document divided by the document's number of tokens. A document with no tokens gets \`{}\`.

A term found in every document gets \`log(N / N) = 0\`: it cannot tell documents apart. (Whether you keep such zero weights in the dicts is up to you.)

\`\`\`python
>>> docs = ["the cat sat", "the dog sat", "the dog barked"]
>>> idf(docs)["cat"], idf(docs)["the"]
(1.0986..., 0.0)
>>> tfidf_vectors(docs)[0]["cat"]
0.3662...
\`\`\`
`,
  starterCode: `import math
from collections import Counter


def idf(docs):
    """{term: log(N / number of documents containing term)} over all terms in docs."""
    # TODO: count, for each term, how many documents contain it (hint: set(tokenize(doc)))
    pass


def tfidf_vectors(docs):
    """One {term: tf * idf} dict per document."""
    # TODO: for each document, count its tokens (Counter) and weight each count by idf
    pass


docs = ["the cat sat", "the dog sat", "the dog barked"]
print(idf(docs))
print(tfidf_vectors(docs))
`,
  setupCode: ragTokenizeSetup,
  checks: [
    {
      name: "idf counts documents, not occurrences",
      code: `import math
table = idf(["the cat sat", "the dog sat", "the dog barked"])
assert isinstance(table, dict), f"idf should return a dict, got {table!r}"
assert math.isclose(table.get("cat", -1), math.log(3)), f"'cat' is in 1 of 3 documents, so its idf should be log(3 / 1) = 1.0986, got {table.get('cat')!r}"
assert math.isclose(table.get("dog", -1), math.log(3 / 2)), f"'dog' is in 2 of 3 documents, so its idf should be log(3 / 2) = 0.4055, got {table.get('dog')!r}"
table = idf(["dog dog dog", "cat"])
assert math.isclose(table.get("dog", -1), math.log(2)), f"in ['dog dog dog', 'cat'], 'dog' is in 1 of 2 documents (count each document once), so idf is log(2), got {table.get('dog')!r}"
`,
    },
    {
      name: "Terms found in every document get weight 0",
      code: `import math
docs = ["the cat sat", "the dog sat", "the dog barked"]
table = idf(docs)
assert isinstance(table, dict), f"idf should return a dict, got {table!r}"
assert set(table) == {"the", "cat", "sat", "dog", "barked"}, f"idf should have an entry for every term in the documents, got {sorted(table)!r}"
assert math.isclose(table["the"], 0.0, abs_tol=1e-12), f"'the' is in every document, so its idf should be log(3 / 3) = 0, got {table['the']!r}"
vectors = tfidf_vectors(docs)
assert vectors is not None, "tfidf_vectors should return a list of dicts, got None"
for i, vector in enumerate(vectors):
    assert math.isclose(vector.get("the", 0.0), 0.0, abs_tol=1e-12), f"document {i} gives 'the' the weight {vector.get('the')!r}: it should be 0"
`,
    },
    {
      name: "One vector per document, in order",
      code: `import math
vectors = tfidf_vectors(["the cat sat", "the dog sat", "the dog barked"])
assert isinstance(vectors, list) and len(vectors) == 3, f"tfidf_vectors should return a list of 3 dicts for 3 documents, got {vectors!r}"
assert math.isclose(vectors[0].get("cat", 0.0), math.log(3) / 3), f"in 'the cat sat', 'cat' should weigh tf * idf = (1/3) * log(3) = 0.3662, got {vectors[0].get('cat')!r}"
assert vectors[1].get("cat", 0.0) == 0, f"'cat' is not in the second document, so it should have no weight there, got {vectors[1].get('cat')!r}"
assert math.isclose(vectors[2].get("barked", 0.0), math.log(3) / 3), f"in 'the dog barked', 'barked' should weigh (1/3) * log(3) = 0.3662, got {vectors[2].get('barked')!r}"
`,
    },
    {
      name: "Term frequency is divided by the document's length",
      code: `import math
vectors = tfidf_vectors(["Leave, leave policy.", "Meal policy", ""])
assert isinstance(vectors, list) and len(vectors) == 3, f"tfidf_vectors should return one dict per document, got {vectors!r}"
assert math.isclose(vectors[0].get("leave", 0.0), 2 / 3 * math.log(3)), f"'leave' is 2 of the 3 tokens of 'Leave, leave policy.' and is in 1 of 3 documents, so it should weigh (2/3) * log(3) = 0.7324, got {vectors[0].get('leave')!r}"
assert math.isclose(vectors[1].get("meal", 0.0), 1 / 2 * math.log(3)), f"'meal' is 1 of the 2 tokens of 'Meal policy', so it should weigh (1/2) * log(3) = 0.5493, got {vectors[1].get('meal')!r}"
assert vectors[2] == {}, f"an empty document should get an empty dict, got {vectors[2]!r}"
`,
    },
  ],
  solution: `import math
from collections import Counter


def idf(docs):
    """{term: log(N / number of documents containing term)} over all terms in docs."""
    df = Counter()
    for doc in docs:
        df.update(set(tokenize(doc)))
    return {term: math.log(len(docs) / count) for term, count in df.items()}


def tfidf_vectors(docs):
    """One {term: tf * idf} dict per document."""
    table = idf(docs)
    vectors = []
    for doc in docs:
        tokens = tokenize(doc)
        counts = Counter(tokens)
        vectors.append({term: n / len(tokens) * table[term] for term, n in counts.items()})
    return vectors


docs = ["the cat sat", "the dog sat", "the dog barked"]
print(idf(docs))
print(tfidf_vectors(docs))
`,
};

const retrieveExercise: DemoExercise = {
  language: "python",
  timeLimitSeconds: 5,
  instructions: `### 3. Retrieve the best chunks for a question

Now put the pieces together. \`tokenize\`, \`idf\`, \`tfidf_vectors\` and \`cosine\` from the previous exercises are already defined, and so is \`CHUNKS\`: the lesson's six handbook chunks (\`leave-policy#0\` … \`it-security#1\`) as dicts with an \`"id"\` and a \`"content"\` such as \`"Leave policy > Annual leave\\nFull-time employees receive 25 days…"\`.

Write \`retrieve(query, docs, k)\`, where \`docs\` is a list of strings:

- Build the documents' TF-IDF vectors and their idf table.
- Build the query's vector the same way, with the **documents'** idf: term count in the query divided by the query's length, times \`idf[term]\`. Query terms that occur in no document are ignored.
- Score every document with \`cosine\` and return the \`k\` best as a list of \`(index, score)\` pairs, highest score first; on equal scores, the lower index comes first.
- Leave out documents that score 0. If nothing matches, return \`[]\`: that is your pipeline's cue to answer "I don't know based on the handbook."

\`\`\`python
>>> texts = [chunk["content"] for chunk in CHUNKS]
>>> [(CHUNKS[i]["id"], round(score, 2)) for i, score in retrieve("How many days of annual leave do I get?", texts, 2)]
[('leave-policy#0', 0.67), ('leave-policy#1', 0.29)]
\`\`\`

Then compare TF-IDF with the embeddings of Step 4. Try \`"How much can I spend on food during a business trip?"\`: no chunk contains those words, so you get \`[]\`, while \`"meal expenses when travelling"\` finds the Meals chunk. And \`"What is the dress code?"\` ranks the Travel chunk first, only because both contain "is" and "the". Keyword search matches words, embeddings match meaning, which is why production systems often combine both.
`,
  starterCode: `def retrieve(query, docs, k):
    """The k documents most similar to query, as (index, score) pairs, best first; no zero scores."""
    # TODO: vectors for the documents, and the idf table of the documents
    # TODO: the query's vector: tf in the query times the documents' idf (skip unknown terms)
    # TODO: score every document with cosine, drop zeros, sort (best first, then lower index), keep k
    pass


texts = [chunk["content"] for chunk in CHUNKS]
print(retrieve("How many days of annual leave do I get?", texts, 2))
`,
  setupCode: `${ragTokenizeSetup}
from collections import Counter


def idf(docs):
    df = Counter()
    for doc in docs:
        df.update(set(tokenize(doc)))
    return {term: math.log(len(docs) / count) for term, count in df.items()}


def tfidf_vectors(docs):
    table = idf(docs)
    vectors = []
    for doc in docs:
        tokens = tokenize(doc)
        counts = Counter(tokens)
        vectors.append({term: n / len(tokens) * table[term] for term, n in counts.items()})
    return vectors


def cosine(a, b):
    dot = sum(weight * b[term] for term, weight in a.items() if term in b)
    norm_a = math.sqrt(sum(weight * weight for weight in a.values()))
    norm_b = math.sqrt(sum(weight * weight for weight in b.values()))
    if norm_a == 0 or norm_b == 0:
        return 0.0
    return dot / (norm_a * norm_b)


CHUNKS = [
    {"id": "leave-policy#0", "content": "Leave policy > Annual leave\\nFull-time employees receive 25 days of annual leave per calendar year. Unused leave of up to 5 days may be carried into the next year."},
    {"id": "leave-policy#1", "content": "Leave policy > Parental leave\\nEmployees with 6 months of service receive 20 weeks of paid parental leave."},
    {"id": "expenses#0", "content": "Expenses > Travel\\nBook travel through the internal portal. Economy class is required for flights under 6 hours."},
    {"id": "expenses#1", "content": "Expenses > Meals\\nMeal expenses are reimbursed up to 40 EUR per day when travelling."},
    {"id": "it-security#0", "content": "IT security > Passwords\\nPasswords must be at least 14 characters. Use the company password manager."},
    {"id": "it-security#1", "content": "IT security > Lost devices\\nReport lost laptops or phones to the IT service desk within 1 hour."},
]
`,
  checks: [
    {
      name: "Returns (index, score) pairs, best first",
      code: `texts = [chunk["content"] for chunk in CHUNKS]
result = retrieve("How many days of annual leave do I get?", texts, 2)
assert isinstance(result, list), f"retrieve should return a list of (index, score) pairs, got {result!r}"
assert len(result) == 2 and all(len(pair) == 2 for pair in result), f"with k=2 retrieve should return two (index, score) pairs, got {result!r}"
assert result[0][0] == 0, f"'How many days of annual leave do I get?' should rank leave-policy#0 (index 0) first, got index {result[0][0]}"
assert result[0][1] >= result[1][1], f"pairs should be sorted by score, highest first, got {result!r}"
`,
    },
    {
      name: "Finds the right chunk for handbook questions",
      code: `texts = [chunk["content"] for chunk in CHUNKS]
questions = {
    "How many weeks of parental leave do I get?": "leave-policy#1",
    "Minimum password length?": "it-security#0",
    "Lost my phone, what now?": "it-security#1",
    "meal expenses when travelling": "expenses#1",
    "Which class can I fly in?": "expenses#0",
}
for question, expected in questions.items():
    result = retrieve(question, texts, 2)
    assert isinstance(result, list), f"retrieve should return a list of (index, score) pairs, got {result!r}"
    assert result, f"retrieve({question!r}, texts, 2) found nothing; {expected} shares words with it"
    got = CHUNKS[result[0][0]]["id"]
    assert got == expected, f"retrieve({question!r}, texts, 2) should rank {expected} first, got {got}"
`,
    },
    {
      name: "Returns at most k results, none with score 0",
      code: `texts = [chunk["content"] for chunk in CHUNKS]
result = retrieve("How many days of annual leave do I get?", texts, 1)
assert isinstance(result, list) and len(result) == 1, f"with k=1 retrieve should return exactly one pair, got {result!r}"
result = retrieve("How many days of annual leave do I get?", texts, 10)
assert isinstance(result, list) and len(result) <= len(texts), f"retrieve can never return more pairs than there are documents, got {len(result)}"
assert all(score > 0 for _, score in result), f"documents that score 0 should be left out, got {result!r}"
assert len(result) == 2, f"only 2 chunks share a word with 'How many days of annual leave do I get?', so k=10 should return those 2, got {result!r}"
`,
    },
    {
      name: "Returns [] when nothing matches",
      code: `texts = [chunk["content"] for chunk in CHUNKS]
for question in ("Dress code?", "How much can I spend on food during a business trip?", ""):
    result = retrieve(question, texts, 3)
    assert result == [], f"no chunk shares a word with {question!r}, so retrieve should return [], got {result!r}"
`,
    },
    {
      name: "Breaks ties by the lower index",
      code: `result = retrieve("cats", ["cats", "dogs", "cats"], 2)
assert isinstance(result, list), f"retrieve should return a list of (index, score) pairs, got {result!r}"
indexes = [index for index, _ in result]
assert indexes == [0, 2], f"documents 0 and 2 both score 1.0 for 'cats'; on a tie the lower index comes first, so expected indexes [0, 2], got {indexes}"
`,
    },
  ],
  solution: `from collections import Counter


def retrieve(query, docs, k):
    """The k documents most similar to query, as (index, score) pairs, best first; no zero scores."""
    table = idf(docs)
    vectors = tfidf_vectors(docs)
    tokens = [token for token in tokenize(query) if token in table]
    query_vector = {term: n / len(tokens) * table[term] for term, n in Counter(tokens).items()}
    scores = [(i, cosine(query_vector, vector)) for i, vector in enumerate(vectors)]
    scores = [(i, score) for i, score in scores if score > 0]
    scores.sort(key=lambda pair: (-pair[1], pair[0]))
    return scores[:k]


texts = [chunk["content"] for chunk in CHUNKS]
for question in ("How many days of annual leave do I get?", "How much can I spend on food during a business trip?"):
    print(question, [(CHUNKS[i]["id"], round(score, 2)) for i, score in retrieve(question, texts, 2)])
`,
};

export const demoExercises: Record<string, DemoLessonExercises> = {
  // Module 3 "Large Language Models", lesson 3 "Hands-on: Exploring Tokens and Probabilities"
  "ai-foundations": { module: 3, lesson: 3, exercises: [tokenizeExercise, bigramExercise, softmaxExercise] },
  // Module 2 "Core Techniques", lesson 4 "Hands-on: Iterating a Prompt from Draft to Production"
  "prompt-engineering": { module: 2, lesson: 4, exercises: [buildPromptExercise, parseAnswerExercise] },
  // Module 2 "Supervised Learning", lesson 3 "Hands-on: Your First scikit-learn Pipeline"
  "machine-learning-with-python": {
    module: 2,
    lesson: 3,
    exercises: [splitExercise, gradientDescentExercise, pipelineExercise],
  },
  // Module 2 "Retrieval-Augmented Generation", lesson 3 "Hands-on: Build a Minimal RAG Pipeline"
  "building-llm-applications": {
    module: 2,
    lesson: 3,
    exercises: [cosineExercise, tfidfExercise, retrieveExercise],
  },
};
