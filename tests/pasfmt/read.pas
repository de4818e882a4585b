{ How fpc's read(i) and read(r) take a token.  Each line of read.in holds one
  token; lines alternate: odd lines are read as an int64, even lines as a double
  (regen.sh writes every token twice).  Output, one line per input line:
    I <ioresult> <value>      R <ioresult> <bits of the double in hex>
  ioresult 0: accepted; 106: invalid numeric format. }
program readtokens;
{$mode objfpc}{$I-}

function hex64(q: qword): string;
const
  digits: string[16] = '0123456789ABCDEF';
var
  i: integer;
begin
  hex64 := '';
  for i := 1 to 16 do
  begin
    hex64 := digits[(q and 15) + 1] + hex64;
    q := q shr 4;
  end;
end;

var
  i: int64;
  r: double;
  q: qword absolute r;
  code: longint;
begin
  while not eof do
  begin
    read(i);
    code := IOResult;
    writeln('I ', code, ' ', i);
    readln;
    if eof then
      break;
    read(r);
    code := IOResult;
    writeln('R ', code, ' ', hex64(q));
    readln;
  end;
end.
