program Enums;
{ Enumerations: printed by name, ord, succ, pred, low/high, for loops, comparisons,
  enumeration-indexed arrays, case on an enumeration. }
type
  TColor = (Red, Green, Blue, Yellow);
  TDay = (Mon, Tue, Wed, Thu, Fri, Sat, Sun);
  TSuit = (clubs, diamonds, hearts, spades);
var
  c: TColor;
  d: TDay;
  hours: array[TDay] of integer;
  names: array[TSuit] of string;
  s: TSuit;
  total: integer;
  weekend: boolean;
begin
  c := Green;
  writeln(c, ' ', ord(c), ' ', succ(c), ' ', pred(c));
  writeln(low(TColor), ' ', high(TColor), ' ', ord(high(TDay)));
  for c := Red to Yellow do write(c, ' ');
  writeln;
  for d := Sun downto Mon do write(d:4);
  writeln;
  writeln(Red < Blue, ' ', Sat > Sun, ' ', Wed = Wed, ' ', c);
  for d := Mon to Sun do hours[d] := ord(d) * 2 + 1;
  total := 0;
  for d := low(TDay) to high(TDay) do total := total + hours[d];
  writeln('total hours ', total);
  names[clubs] := 'Clubs'; names[diamonds] := 'Diamonds';
  names[hearts] := 'Hearts'; names[spades] := 'Spades';
  for s := clubs to spades do
    case s of
      clubs, spades: writeln(s, ' is black: ', names[s]);
      diamonds, hearts: writeln(s, ' is red: ', names[s]);
    end;
  for d := Mon to Sun do
  begin
    case d of
      Mon..Fri: weekend := false;
      Sat, Sun: weekend := true;
    end;
    if weekend then write(d, ':weekend ') ;
  end;
  writeln;
  d := Mon;
  inc(d); inc(d, 2);
  writeln(d);
  dec(d);
  writeln(d, ' ', ord(d));
  c := succ(succ(Red));
  writeln(c);
  writeln('[', Blue:8, '][', Mon:2, ']');
end.
