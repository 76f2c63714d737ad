#!/usr/bin/env python3
"""Validate and count questions.jsonl.

  python3 check.py [--questions questions.jsonl] [--pages /work/shared/eval/news-pages] [--quiet]

For every answerable question: `sentence` occurs verbatim in the page's expected.txt, at
the start of a sentence, and `phrase` occurs verbatim inside that full sentence (from
`sentence` up to the sentence's end). Off-topic questions have only page, split,
question and off_topic. Prints counts by kind, variant and split. Exit status 1 on any
failure.
"""
import argparse, collections, json, os, re, sys

PAGES = '/work/shared/eval/news-pages'
HERE = os.path.dirname(os.path.abspath(__file__))

KINDS = {'who', 'when', 'where', 'how many', 'what', 'why', 'how', 'keyword'}
VARIANTS = {'paraphrase', 'misspelling', 'keyword', 'plain'}

# Words ending in a period that do not end a sentence.
ABBREV = {'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'gen', 'sen', 'rep', 'gov',
          'jan', 'feb', 'mar', 'apr', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'no',
          'inc', 'co', 'corp', 'ltd', 'prof', 'lt', 'col', 'capt', 'sgt', 'etc', 'approx'}
CLOSERS = '"\'”’)]'


def _is_abbrev(text, dot):
    """True if the period at text[dot] belongs to an abbreviation or an initial."""
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in '("“‘[':
        j -= 1
    token = text[j:dot]
    if not token:
        return False
    if token.lower() in ABBREV:
        return True
    if len(token) == 1 and token.isalpha():          # initial: "W." "F."
        return True
    if '.' in token and re.fullmatch(r'[A-Za-z](\.[A-Za-z])*', token):  # U.S  D.A  a.m
        return True
    return False


def sentence_end(text, start):
    """Index just past the sentence that starts at `start`."""
    i, n = start, len(text)
    while i < n:
        c = text[i]
        if c == '\n':
            return i
        if c in '.!?':
            k = i + 1
            while k < n and text[k] in CLOSERS:
                k += 1
            if k >= n or text[k].isspace():
                if not (c == '.' and _is_abbrev(text, i)):
                    return k
        i += 1
    return n


def is_sentence_start(text, pos):
    if pos == 0 or text[pos - 1] == '\n':
        return True
    j = pos
    while j > 0 and text[j - 1] == ' ':
        j -= 1
    if j == pos:
        return False
    k = j
    while k > 0 and text[k - 1] in CLOSERS:
        k -= 1
    return k > 0 and text[k - 1] in '.!?' and not (text[k - 1] == '.' and _is_abbrev(text, k - 1))


def sentence_at(text, pos):
    """The full sentence starting at pos, or None if pos is not a sentence start."""
    if not is_sentence_start(text, pos):
        return None
    return text[pos:sentence_end(text, pos)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--questions', default=os.path.join(HERE, 'questions.jsonl'))
    ap.add_argument('--pages', default=PAGES)
    ap.add_argument('--quiet', action='store_true')
    a = ap.parse_args()

    texts, errors = {}, []
    rows = [json.loads(l) for l in open(a.questions, encoding='utf-8') if l.strip()]
    by_kind = collections.Counter()
    by_variant = collections.Counter()
    pages = collections.defaultdict(collections.Counter)
    split_of = {}
    for n, o in enumerate(rows, 1):
        page = o.get('page')
        if page not in texts:
            p = os.path.join(a.pages, page, 'expected.txt')
            if not os.path.exists(p):
                errors.append(f'line {n}: no page {page}'); continue
            texts[page] = open(p, encoding='utf-8').read()
        text = texts[page]
        sp = o.get('split')
        if sp not in ('dev', 'test'):
            errors.append(f'line {n}: bad split {sp!r}')
        if split_of.setdefault(page, sp) != sp:
            errors.append(f'line {n}: page {page} in two splits')
        if o.get('off_topic'):
            extra = set(o) - {'page', 'split', 'question', 'off_topic'}
            if extra:
                errors.append(f'line {n}: off-topic line has {sorted(extra)}')
            pages[page]['off_topic'] += 1
            by_kind[(sp, 'off-topic')] += 1
            continue
        s, ph = o.get('sentence', ''), o.get('phrase', '')
        if not 40 <= len(s) <= 80 and s != sentence_at(text, text.find(s) if s in text else 0):
            errors.append(f'line {n}: sentence start is {len(s)} chars (want 40-80 or the whole sentence)')
        if o.get('kind') not in KINDS:
            errors.append(f'line {n}: bad kind {o.get("kind")!r}')
        if o.get('variant') not in VARIANTS:
            errors.append(f'line {n}: bad variant {o.get("variant")!r}')
        hits = [m.start() for m in re.finditer(re.escape(s), text)] if s else []
        if not hits:
            errors.append(f'line {n} ({page}): sentence not in expected.txt: {s!r}'); continue
        if len(hits) > 1:
            errors.append(f'line {n} ({page}): sentence start occurs {len(hits)} times: {s!r}')
        full = sentence_at(text, hits[0])
        if full is None:
            errors.append(f'line {n} ({page}): not at a sentence start: {s!r}'); continue
        if ph not in full:
            errors.append(f'line {n} ({page}): phrase {ph!r} not in sentence {full!r}')
        pages[page]['answerable'] += 1
        by_kind[(sp, o['kind'])] += 1
        by_variant[(sp, o['variant'])] += 1

    for e in errors:
        print('FAIL', e)
    if not a.quiet:
        print(f'{len(rows)} lines, {len(pages)} pages')
        for sp in ('dev', 'test'):
            ps = sorted(p for p in pages if split_of[p] == sp)
            print(f'{sp}: ' + ', '.join(f'{p} ({pages[p]["answerable"]}+{pages[p]["off_topic"]})' for p in ps))
        kinds = ['who', 'when', 'where', 'how many', 'what', 'why', 'how', 'keyword', 'off-topic']
        print('kind      ' + ''.join(f'{k:>10}' for k in kinds) + '       all')
        for sp in ('dev', 'test'):
            print(f'{sp:<10}' + ''.join(f'{by_kind[(sp, k)]:>10}' for k in kinds)
                  + f'{sum(by_kind[(sp, k)] for k in kinds):>10}')
        print(f'{"all":<10}' + ''.join(f'{by_kind[("dev", k)] + by_kind[("test", k)]:>10}' for k in kinds)
              + f'{len(rows):>10}')
        vs = ['paraphrase', 'misspelling', 'keyword', 'plain']
        print('variant   ' + ''.join(f'{v:>12}' for v in vs))
        for sp in ('dev', 'test'):
            print(f'{sp:<10}' + ''.join(f'{by_variant[(sp, v)]:>12}' for v in vs))
    print('OK' if not errors else f'{len(errors)} failures')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
