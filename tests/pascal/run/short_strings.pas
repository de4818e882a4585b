program ShortStrings;
{ string[N]: truncation on assignment and concatenation, as parameters, in records and
  arrays, comparisons with string, length, and s[i] inside the declared size. }
type
  TName = string[8];
  TRec = record
    code: string[3];
    label_: TName;
  end;
var
  n: TName;
  tiny: string[1];
  s: string;
  recs: array[1..3] of TRec;
  i: integer;

function Shout(const x: TName): string;
begin
  Shout := upcase(x) + '!';
end;

procedure Fill(var x: TName; c: char);
var
  k: integer;
begin
  x := '';
  for k := 1 to 20 do x := x + c;
end;

begin
  n := 'abcdefghijkl';
  writeln(n, ' ', length(n));
  s := n;
  s := s + 'XYZ';
  writeln(s, ' ', length(s));
  n := s;
  writeln(n);
  tiny := 'hello';
  writeln(tiny, ' ', length(tiny));
  writeln(Shout('short'), ' ', Shout(n));
  Fill(n, '*');
  writeln(n, ' ', length(n));
  n := 'ab';
  n[2] := 'z';
  writeln(n, ' ', n = 'az', ' ', n < 'b', ' ', n + n + n + n + n);
  for i := 1 to 3 do
  begin
    str(i * 1234, recs[i].code);
    recs[i].label_ := 'item-number-' + recs[i].code;
  end;
  for i := 1 to 3 do writeln(recs[i].code, ' ', recs[i].label_, ' ', length(recs[i].label_));
  s := recs[3].label_;
  writeln(copy(s, 3, 4), ' ', pos('-', s));
end.
