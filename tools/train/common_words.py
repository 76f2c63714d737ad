#!/usr/bin/env python3
"""Writes index/src/text/common-words.txt: the everyday English words, for telling a word
a library lacks because the question is paraphrased ("purchased" for "bought") from one it
lacks because the thing asked about is not there (a name, a code, a rare term).

The words: lowercase alphabetic word forms that are not proper nouns and occur at least
3 times in the training splits of UD English-EWT and English-GUM (/work/shared/nlp; see
its README for the licences: CC BY-SA 4.0 and CC BY 4.0 and the texts' own).

    python3 tools/train/common_words.py /work/shared/nlp index/src/text/common-words.txt
"""
import collections
import glob
import sys

MIN_COUNT = 3


def main(treebanks: str, out: str) -> None:
    counts = collections.Counter()
    for path in sorted(glob.glob(f"{treebanks}/UD_English-*/*-train.conllu")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0] or cols[3] == "PROPN":
                    continue
                word = cols[1].lower()
                if word.isalpha():
                    counts[word] += 1
    words = sorted(w for w, n in counts.items() if n >= MIN_COUNT)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Everyday English words (tools/train/common_words.py; from UD English-EWT and GUM).\n")
        f.write("\n".join(words))
        f.write("\n")
    print(f"{len(words)} words written to {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
