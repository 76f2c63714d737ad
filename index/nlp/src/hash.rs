//! Stable hashing: the model files key their weights by these hashes, so they must never
//! change (no `std` `DefaultHasher`, whose algorithm is not guaranteed across Rust versions).

/// FNV-1a, 64 bits, over bytes.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// FNV-1a of a string.
pub const fn hash_str(s: &str) -> u64 {
    fnv1a(s.as_bytes())
}

/// Combines two 64-bit values (a fixed multiply-xorshift mix; order matters).
#[inline]
pub const fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 29)
}

/// A feature: template number and up to three values.
#[inline]
pub const fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t, a), 1)
}
/// A feature of two values.
#[inline]
pub const fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t, a), b), 2)
}
/// A feature of three values.
#[inline]
pub const fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(t, a), b), c), 3)
}

/// SplitMix64: a small seeded generator for reproducible shuffles (training only).
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A value in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % (n.max(1) as u64)) as usize
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn stable_values() {
        // These constants pin the hash: a change would silently invalidate every model.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let m = mix(1, 2);
        assert_eq!(m, mix(1, 2));
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
