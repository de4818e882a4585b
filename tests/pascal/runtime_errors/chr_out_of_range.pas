{ runtime-error: 9: chr argument out of range }
program ChrOutOfRange;
var
  i: integer;
  c: char;
begin
  i := 250;
  repeat
    c := chr(i);
    i := i + 3;
  until c = 'z';
end.
