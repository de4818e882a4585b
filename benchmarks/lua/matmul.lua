-- matmul: multiply two 550x550 matrices of reals (naive i-j-k triple loop), then sum
-- the product and its squares. Measures real arithmetic and two-dimensional array
-- indexing. The entries are multiples of 1/8 so every sum is exact and all languages
-- agree bit for bit.
-- Matrices are tables of row tables; rows a[i], c[i] are hoisted as a Lua programmer
-- would.
local N = 550

local function trunc(x)
  if x >= 0 then return math.floor(x) else return math.ceil(x) end
end

local a, b, c = {}, {}, {}
for i = 1, N do
  a[i], b[i], c[i] = {}, {}, {}
  for j = 1, N do
    a[i][j] = ((i * 7 + j * 3) % 17 - 8) / 8.0
    b[i][j] = ((i * 5 + j * 11) % 13 - 6) / 8.0
  end
end
for i = 1, N do
  local ai, ci = a[i], c[i]
  for j = 1, N do
    local s = 0.0
    for k = 1, N do
      s = s + ai[k] * b[k][j]
    end
    ci[j] = s
  end
end
local total = 0.0
local squares = 0.0
for i = 1, N do
  for j = 1, N do
    total = total + c[i][j]
    squares = squares + c[i][j] * c[i][j]
  end
end
local scale = 64.0
print(string.format("%d %d %d", trunc(total * scale), trunc(squares), trunc(c[N][N] * scale)))
