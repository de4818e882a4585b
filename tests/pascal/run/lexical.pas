PROGRAM Lexical;
{$mode objfpc}
{ Lexical elements: case-insensitive keywords and identifiers, the three comment
  styles, integer literals in decimal and $hex, real literals, quotes and #codes. }
(* a comment in the other style, with { braces } inside *)
// a line comment: begin end ; 'not a string
CONST
  HexVal = $FF;
  hexsmall = $1a;
  Mixed = $7FfF;
VAR
  Counter: INTEGER;
  someREAL: Real;
  s: STRING;
Begin
  counter := 10;             // line comment after a statement
  COUNTER := Counter + 1;    { brace comment }
  cOuNtEr := counter * 2;    (* paren-star comment *)
  WriteLn(counter);
  writeln(HEXVAL, ' ', HexSmall, ' ', mixed, ' ', $10 + $0a);
  someReal := 1.5;
  WRITELN(somereal:0:2);
  somereal := 2e3;
  writeln(SomeReal:0:1);
  somereal := 1.25E-2;
  writeln(somereal:0:4);
  someReal := 3.0e+2;
  writeln(somereal:0:0);
  s := 'it''s';
  writeln(s, ' ', length(s));
  s := '''';
  writeln(s, length(s));
  s := #65#66#67;
  writeln(s);
  s := 'x'#45'y'#9'z';
  writeln(s, ' ', length(s));
  s := 'a' + #10 + 'b';
  writeln(s);
  writeln(#72'ello', #33);
  writeln('');
  writeln('{not a comment}', ' (*nor this*) ', '// nor this');
  bEgIn
    writeln('nested block');
  eNd;
  if counter > 0 THEN WRITELN('positive') ELSE writeln('negative');
end.
