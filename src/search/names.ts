/**
 * Foreign names as Chinese writes them, by sound: "Greg" → 格雷格, "Trump" → 特朗普, "Ive" → 艾维. Chinese gives each
 * consonant of a name its own syllable (B-r-o-ck-m-an → 布罗克曼) and ignores the vowels' quality, so a name and a
 * run of transliteration characters match when their consonants line up, class by class (r is written with l,
 * v with w, g with g, k or j). Only runs of characters the dictionary uses for names are compared, so ordinary
 * words never match.
 */

/** How a consonant sounds, coarsely: the classes transliteration keeps apart. */
type SoundClass = "P" | "M" | "N" | "F" | "T" | "L" | "K" | "H" | "J" | "S" | "Y" | "vowel";

interface NameSound {
  readonly sound: SoundClass;
  /** A nasal closing a syllable (Tru-m-p, Brockma-n): Chinese folds it into the syllable before (朗, 曼). */
  readonly optional: boolean;
}

const LATIN_CLASSES: Readonly<Record<string, SoundClass>> = {
  b: "P",
  p: "P",
  m: "M",
  n: "N",
  f: "F",
  v: "F",
  w: "F",
  d: "T",
  t: "T",
  l: "L",
  r: "L",
  g: "K",
  k: "K",
  c: "K",
  q: "K",
  x: "K",
  h: "H",
  j: "J",
  s: "S",
  z: "S",
  y: "Y",
};

const DIGRAPHS: readonly (readonly [string, SoundClass])[] = [
  ["ck", "K"],
  ["ch", "J"],
  ["sh", "S"],
  ["th", "T"],
  ["ph", "F"],
];

const VOWELS = /[aeiou]/;

/** The sounds of a Latin name, consonant by consonant ("trump" → T L M? P); undefined for a non-name. */
export function nameSounds(name: string): NameSound[] | undefined {
  const letters = name.toLowerCase();
  // A name has a vowel to sound (xyzzy, qwrtp are no names).
  if (!/^[a-z]{3,}$/.test(letters) || !VOWELS.test(letters)) return undefined;
  const sounds: NameSound[] = [];
  if (VOWELS.test(letters[0]!)) sounds.push({ sound: "vowel", optional: false });
  for (let at = 0; at < letters.length; at++) {
    const letter = letters[at]!;
    if (VOWELS.test(letter) || (letter === "y" && at > 0)) continue;
    if (letter === letters[at - 1]) continue; // a doubled letter is one sound
    const digraph = DIGRAPHS.find(([spelling]) => letters.startsWith(spelling, at));
    let sound: SoundClass = digraph?.[1] ?? LATIN_CLASSES[letter] ?? "vowel";
    if (letter === "c" && !digraph && /[eiy]/.test(letters[at + 1] ?? "")) sound = "S";
    if (digraph) at++;
    const afterVowel = at > 0 && VOWELS.test(letters[at - 1] ?? "");
    const closesSyllable = !VOWELS.test(letters[at + 1] ?? "");
    sounds.push({ sound, optional: (sound === "M" || sound === "N") && afterVowel && closesSyllable });
  }
  return sounds.length >= 2 ? sounds : undefined;
}

/** The class of a pinyin syllable's initial: 格 ge → K, 雷 lei → L, 艾 ai → vowel, 约 yue → Y. */
function syllableClass(syllable: string): SoundClass {
  if (/^(zh|ch|j|q)/.test(syllable)) return "J";
  if (/^(sh|x|s|z|c)/.test(syllable)) return "S";
  if (syllable.startsWith("y")) return "Y";
  if (syllable.startsWith("w")) return "F";
  if (syllable.startsWith("r")) return "L";
  return LATIN_CLASSES[syllable[0] ?? ""] ?? "vowel";
}

function soundsAlike(name: SoundClass, written: SoundClass): boolean {
  if (name === written) return true;
  // 加 jia writes "ga" (拉斯维加斯), 约 yue "jo", 伊 yi a leading vowel.
  return (
    (name === "K" && written === "J") || (name === "J" && written === "Y") || (name === "vowel" && written === "Y")
  );
}

/**
 * The stretches of `run` (transliteration characters, one per syllable) that sound like the name, each as
 * text: "格雷格" for Greg in "格雷格". `readings(char)` gives a character's pinyin syllables.
 */
export function namesIn(
  sounds: readonly NameSound[],
  run: string,
  readings: (char: string) => readonly string[],
): string[] {
  const chars = [...run];
  const syllables = chars.map(readings);
  const classes = syllables.map((spellings) => new Set(spellings.map(syllableClass)));
  const endsNasal = syllables.map((spellings) => spellings.some((syllable) => /ng?$/.test(syllable)));
  const found: string[] = [];
  for (let start = 0; start < chars.length; start++) {
    // Ends (exclusive) reachable after matching sounds[0..i): walk the name's sounds over the characters.
    let ends = new Set([start]);
    for (const { sound, optional } of sounds) {
      const next = new Set<number>();
      for (const end of ends) {
        // 翰 in 约翰尼 (Johnny, Jony) writes an h the name may not spell: it may be passed over.
        const from =
          end > start && end < chars.length && classes[end]!.has("H") && sound !== "H" ? [end, end + 1] : [end];
        for (const at of from) {
          if (at < chars.length && [...classes[at]!].some((written) => soundsAlike(sound, written))) next.add(at + 1);
        }
        if (optional && end > start && endsNasal[end - 1]) next.add(end);
      }
      ends = next;
    }
    for (const end of ends) if (end - start >= 2) found.push(chars.slice(start, end).join(""));
  }
  return [...new Set(found)];
}
