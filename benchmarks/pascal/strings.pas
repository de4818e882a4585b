{ strings: build short strings by appending characters one at a time, convert a number
  with str, concatenate pieces (including copy slices) into a longer string, and hash
  characters of the results. Measures string allocation, concatenation, copy, length and
  indexing. Every string stays under 255 characters, so fpc's short strings agree. }
program stringsbench;

const
  ITERS = 400000;
  MODULUS = 1000003;

var
  iter, j, k, h, total: integer;
  s, t, u, num: string;

begin
  h := 0;
  total := 0;
  for iter := 1 to ITERS do
  begin
    s := '';
    for j := 1 to 40 do
      s := s + chr(97 + (iter + j * 7) mod 26);
    str(iter, num);
    t := s + ':' + num + ';';
    u := '';
    for k := 1 to 4 do
      u := u + t + copy(s, k * 3, 10);
    total := total + length(u);
    for j := 1 to length(t) do
      h := (h * 31 + ord(t[j])) mod MODULUS;
    h := (h * 31 + ord(u[iter mod length(u) + 1])) mod MODULUS;
  end;
  writeln(total, ' ', h, ' ', u);
end.
