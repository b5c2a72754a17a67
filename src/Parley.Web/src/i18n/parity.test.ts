import { describe, expect, it } from "vitest";
import en from "./en.json";
import ru from "./ru.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const languages = { en: flatten(en), ru: flatten(ru) };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("have exactly the same keys in English and Russian", () => {
    const enKeys = [...languages.en.keys()].sort();
    const ruKeys = [...languages.ru.keys()].sort();
    expect(ruKeys.filter((k) => !languages.en.has(k)), "keys only in ru.json").toEqual([]);
    expect(enKeys.filter((k) => !languages.ru.has(k)), "keys only in en.json").toEqual([]);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it("have no empty strings", () => {
    for (const [lang, map] of Object.entries(languages)) {
      for (const [key, value] of map) expect(value.trim(), `${lang}:${key}`).not.toBe("");
    }
  });

  it("use the same {{placeholders}} in both languages", () => {
    for (const [key, value] of languages.en) {
      expect(placeholders(languages.ru.get(key) ?? ""), key).toEqual(placeholders(value));
    }
  });

  it("give every plural all the Russian forms (one, few, many, other)", () => {
    const bases = new Set([...languages.ru.keys()].filter((k) => /_(one|few|many|other)$/.test(k)).map((k) => k.replace(/_\w+$/, "")));
    expect(bases.size).toBeGreaterThan(0);
    for (const base of bases) {
      for (const form of ["one", "few", "many", "other"]) expect(languages.ru.has(`${base}_${form}`), `${base}_${form}`).toBe(true);
    }
  });

  it("are really translated: Russian strings that contain letters use Cyrillic, unless they are names", () => {
    const allowedLatin = new Set(["app.name"]);
    for (const [key, value] of languages.ru) {
      if (allowedLatin.has(key)) continue;
      const text = value.replace(/\{\{\s*\w+\s*\}\}/g, "").replace(/Parley|Ctrl|Enter|Esc|IP|API|CLI|email/g, "");
      if (/[A-Za-zА-Яа-яЁё]/.test(text)) expect(/[А-Яа-яЁё]/.test(text), `ru:${key} = ${value}`).toBe(true);
    }
  });
});
