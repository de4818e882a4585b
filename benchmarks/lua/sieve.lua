-- sieve: Sieve of Eratosthenes over a boolean array, repeated. Measures array stores and
-- loads in tight while/for loops.
local N = 1000000
local REPEATS = 80

local flags = {}
local total = 0
local count = 0
for r = 1, REPEATS do
  for i = 0, N do
    flags[i] = true
  end
  flags[0] = false
  flags[1] = false
  local i = 2
  while i * i <= N do
    if flags[i] then
      local j = i * i
      while j <= N do
        flags[j] = false
        j = j + i
      end
    end
    i = i + 1
  end
  count = 0
  for i = 0, N do
    if flags[i] then
      count = count + 1
    end
  end
  total = total + count
end
print(string.format("%d %d", count, total))
