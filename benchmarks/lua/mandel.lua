-- mandel: escape-time iteration over an 800x800 grid of the Mandelbrot set, up to 300
-- iterations per point. Measures real arithmetic and comparisons in a tight loop with an
-- integer counter. Prints the number of points inside the set and the total iterations.
local SIZE = 800
local MAXITER = 300

local inside = 0
local total = 0
local fsize = SIZE + 0.0
for y = 0, SIZE - 1 do
  local ci = y * 2.0 / fsize - 1.0
  for x = 0, SIZE - 1 do
    local cr = x * 3.0 / fsize - 2.0
    local zr = 0.0
    local zi = 0.0
    local it = 0
    while it < MAXITER and zr * zr + zi * zi <= 4.0 do
      local t = zr * zr - zi * zi + cr
      zi = 2.0 * zr * zi + ci
      zr = t
      it = it + 1
    end
    if it == MAXITER then
      inside = inside + 1
    end
    total = total + it
  end
end
print(string.format("%d %d", inside, total))
