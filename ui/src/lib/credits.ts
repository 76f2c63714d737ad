// What the product ships that others made, and the credit each asks for. The About box
// shows these as text; README.md's Credits section says the same.

export interface Credit {
  what: string;
  text: string;
  link: string;
}

export const CREDITS: Credit[] = [
  {
    what: "Part-of-speech tagger, parser and entity recogniser",
    text:
      "Includes models trained on the Universal Dependencies English Web Treebank (UD_English-EWT), " +
      "annotations © 2013-2021 The Board of Trustees of the Leland Stanford Junior University, CC BY-SA 4.0.",
    link: "https://github.com/UniversalDependencies/UD_English-EWT",
  },
  {
    what: "Part-of-speech tagger, parser and entity recogniser",
    text:
      "Includes models trained on GUM, the Georgetown University Multilayer corpus (UD_English-GUM), " +
      "by Amir Zeldes and the GUM annotation team, annotations CC BY 4.0; texts from Wikinews (CC BY 2.5), " +
      "Wikipedia and Wikivoyage (CC BY-SA 3.0), the Santa Barbara Corpus of Spoken American English " +
      "(John W. Du Bois, UCSB, CC BY), OpenStax and other open textbooks, YouTube Creative Commons vlogs " +
      "and academic and court sources (CC BY), and public-domain speeches.",
    link: "https://github.com/UniversalDependencies/UD_English-GUM",
  },
  {
    what: "Everyday English word list (abstention)",
    text: "Words counted in the training sets of UD_English-EWT and UD_English-GUM (as above).",
    link: "https://universaldependencies.org/",
  },
  {
    what: "Answer phrases and abstention",
    text:
      "Models trained on SQuAD v1.1 (Rajpurkar et al. 2016), CC BY-SA 4.0.",
    link: "https://rajpurkar.github.io/SQuAD-explorer/",
  },
];
