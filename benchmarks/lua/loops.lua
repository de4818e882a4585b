-- loops: three nested counting loops around integer arithmetic (multiply, add, div, mod)
-- and a branch. Measures the interpreter's basic integer instructions and loop overhead.
-- Integer division is math.floor(a / b) (exact here: operands are small and
-- non-negative), since LuaJIT has no // operator.
local N = 500
local MODULUS = 1000003
local floor = math.floor

local acc = 0
local odds = 0
for i = 1, N do
  for j = 1, N do
    for k = 1, N do
      local t = i * j + k
      if t % 3 == 0 then
        acc = (acc * 7 + floor(t / 3)) % MODULUS
      else
        odds = odds + 1
      end
    end
  end
end
print(string.format("%d %d", acc, odds))
