-- strings: build short strings by appending characters one at a time, convert a number
-- with tostring, concatenate pieces (including string.sub slices) into a longer string,
-- and hash characters of the results. Measures string allocation, concatenation,
-- substring, length and indexing, with plain .. as the other languages do it.
local ITERS = 400000
local MODULUS = 1000003
local char, byte, sub = string.char, string.byte, string.sub

local h = 0
local total = 0
local u = ""
for iter = 1, ITERS do
  local s = ""
  for j = 1, 40 do
    s = s .. char(97 + (iter + j * 7) % 26)
  end
  local num = tostring(iter)
  local t = s .. ":" .. num .. ";"
  u = ""
  for k = 1, 4 do
    u = u .. t .. sub(s, k * 3, k * 3 + 9)
  end
  total = total + #u
  for j = 1, #t do
    h = (h * 31 + byte(t, j)) % MODULUS
  end
  h = (h * 31 + byte(u, iter % #u + 1)) % MODULUS
end
print(string.format("%d %d %s", total, h, u))
