-- fib: recursive Fibonacci. Measures procedure calls and returns, integer add/compare.
local N = 39

local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("%d", fib(N)))
