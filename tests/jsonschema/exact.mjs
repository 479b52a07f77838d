// exact.mjs - exact arithmetic on number texts and on doubles (BigInt), to name the cases where a
// JavaScript validator, which sees a JSON number as a double, cannot agree with dcc, which reads
// its digits.

// value = sign * mant * 10^exp; null when text is not a JSON number
export function dec(text) {
  const m = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return null;
  const frac = m[3] || "";
  const e = Number(m[4] || 0) - frac.length;
  if (!Number.isFinite(e) || Math.abs(e) > 100000) return null;
  let mant = BigInt(m[2] + frac);
  return { neg: m[1] === "-" && mant !== 0n, mant, exp: e };
}

// exact rational of a finite double: num / den (den a power of two)
function ratOfDouble(d) {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, d);
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  const sign = hi >>> 31, ex = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e;
  if (ex === 0) e = -1074; else { mant |= 1n << 52n; e = ex - 1075; }
  let num = sign ? -mant : mant, den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  return { num, den };
}

function ratOfDec(x) {
  let num = x.neg ? -x.mant : x.mant, den = 1n;
  if (x.exp >= 0) num *= 10n ** BigInt(x.exp); else den = 10n ** BigInt(-x.exp);
  return { num, den };
}

function cmpRat(a, b) {
  const l = a.num * b.den, r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function cmpDec(a, b) { return cmpRat(ratOfDec(a), ratOfDec(b)); }

// How a double compares with the exact value of a text; Infinity above everything finite.
function cmpDoubleDec(d, x) {
  if (d === Infinity) return 1;
  if (d === -Infinity) return -1;
  return cmpRat(ratOfDouble(d), ratOfDec(x));
}

// Whether comparing the value text x with the bound text b gives another answer on doubles (as a
// JavaScript validator compares them) than on the exact values (as dcc does).
export function crossesOnDoubles(x, b) {
  const X = dec(x), B = dec(b);
  if (!X || !B) return false;
  const exact = cmpDec(X, B);
  const dx = Number(x), db = Number(b);
  const onDoubles = dx < db ? -1 : dx > db ? 1 : 0;
  return exact !== onDoubles;
}

export function sigDigits(x) { return x.mant === 0n ? 0 : x.mant.toString().replace(/0+$/, "").length; }

// |x| < 10^k
export function absBelowPow10(x, k) {
  const a = { neg: false, mant: x.mant, exp: x.exp };
  return cmpDec(a, { neg: false, mant: 1n, exp: k }) < 0;
}

export function absBelow(x, limit) {
  return cmpDec({ neg: false, mant: x.mant, exp: x.exp }, dec(String(limit))) < 0;
}

// Whether x is a multiple of 10^-s, and else whether it is at least 10^-(s+1) away from one.
export function onGrid(x, s) {
  if (x.exp >= -s) return true;
  const scale = 10n ** BigInt(-x.exp - s); // units of 10^-s in the mantissa's unit
  return x.mant % scale === 0n;
}
export function farFromGrid(x, s) {
  if (onGrid(x, s)) return true;
  const scale = 10n ** BigInt(-x.exp - s);
  const r = x.mant % scale, tenth = scale / 10n;
  return r >= tenth && scale - r >= tenth;
}

export function isIntegral(x) {
  if (x.exp >= 0) return true;
  return x.mant % 10n ** BigInt(-x.exp) === 0n;
}
