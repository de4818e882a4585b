-- sort: quicksort (recursive, middle pivot) of 1,500,000 pseudo-random integers from the
-- Park-Miller "minimal standard" LCG computed with Schrage's method, so every intermediate
-- value fits in 32 bits. Measures array access, comparisons, swaps and recursion.
local N = 1500000
local MODULUS = 1000003
local floor = math.floor

local a = {}
local seed = 42

-- Park-Miller: seed = 48271 * seed mod (2^31 - 1), without overflow.
local function nextrand()
  seed = 48271 * (seed % 44488) - 3399 * floor(seed / 44488)
  if seed <= 0 then
    seed = seed + 2147483647
  end
  return seed
end

local function quicksort(lo, hi)
  local i = lo
  local j = hi
  local pivot = a[floor((lo + hi) / 2)]
  repeat
    while a[i] < pivot do
      i = i + 1
    end
    while a[j] > pivot do
      j = j - 1
    end
    if i <= j then
      a[i], a[j] = a[j], a[i]
      i = i + 1
      j = j - 1
    end
  until i > j
  if lo < j then
    quicksort(lo, j)
  end
  if i < hi then
    quicksort(i, hi)
  end
end

for i = 1, N do
  a[i] = nextrand() % 1000000
end
quicksort(1, N)
local check = 0
local unsorted = 0
for i = 1, N do
  if i > 1 and a[i - 1] > a[i] then
    unsorted = unsorted + 1
  end
  check = (check * 31 + a[i]) % MODULUS
end
print(string.format("%d %d %d %d", check, unsorted, a[1], a[N]))
