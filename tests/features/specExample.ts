/** The complete example of the language specification §1 (its balance table is checked against the hover). */
export const SPEC_EXAMPLE = `// Felles for helsefellesskapet – ofte i en egen fil, f.eks. felles/more-og-romsdal.hfa
helsefellesskap MøreRomsdal "Helsefellesskapet i Møre og Romsdal" {
  region "Helse Midt-Norge"
  helseforetak HMR "Helse Møre og Romsdal HF" {
    sykehus KSU "Kristiansund sykehus" akuttsykehus
    sykehus MSH "Molde sjukehus" akuttsykehus
  }
  kommune Kristiansund "Kristiansund kommune" nr "1505"
  kommune Averøy "Averøy kommune" nr "1554"
  gruppe UngeRus "Unge voksne med rusproblemer"      // lokalt prioritert gruppe
}

helsefellesskap StOlav "Helsefellesskapet for St. Olavs hospital" {
  helseforetak SOH "St. Olavs hospital HF"
  kommune Trondheim "Trondheim kommune" nr "5001"
}

helsefellesskap NordreTrøndelag "Helsefellesskapet i Nordre Trøndelag" {
  helseforetak HNT "Helse Nord-Trøndelag HF"
  kommune Levanger "Levanger kommune" nr "5037"
}

sats Barselsdøgn "Kostnad per liggedøgn barsel" 6 500 kr per døgn
  kilde "Helse Møre og Romsdal HF, internregnskap 2024"

tilskudd RST "Rekrutterings- og samhandlingstilskudd, Helse Midt-Norge" {
  region "Helse Midt-Norge"
  ramme 2025 16,2 mill. kr
  ramme 2026 16,2 mill. kr
  ramme 2027 16,2 mill. kr
  fordeling {
    MøreRomsdal 33 %
    StOlav 42 %
    NordreTrøndelag 25 %
  }
}

avtale JordmorNordmøre "Kombinerte jordmorstillinger på Nordmøre" {
  helsefellesskap MøreRomsdal
  parter HMR, Kristiansund, Averøy
  periode 2025 til 2027
  status til-behandling
  sykehus KSU
  målgruppe svangerskap-fødsel-barsel

  formål samhandling "Jordmødre i kombinerte stillinger følger kvinnen fra
    svangerskapskontroll på helsestasjonen til fødsel og barsel på sykehuset,
    slik at overgangene blir trygge og informasjonen følger kvinnen."
  formål rekruttering "Kombinerte stillinger gir hele stillinger og faglig
    bredde, slik at små kommuner kan rekruttere og beholde jordmødre."

  tiltak Stillinger "To kombinerte jordmorstillinger" {
    formål samhandling, rekruttering
    stilling "Jordmor Kristiansund" 1 årsverk: HMR 50 %, Kristiansund 50 %
    stilling "Jordmor Averøy" 1 årsverk: HMR 50 %, Averøy 50 %
  }

  innsats HMR 1 årsverk à 900 000 kr per år "Sykehusets del av stillingene"
  innsats HMR 150 000 kr i 2025 "Opplæring og hospitering"
  innsats Kristiansund 0,5 årsverk à 850 000 kr per år
  innsats Averøy 0,5 årsverk à 850 000 kr per år

  tilskudd RST 600 000 kr per år til HMR 50 %, Kristiansund 25 %, Averøy 25 %
    "Veiledning, hospitering og reiser mellom arbeidsstedene"

  besparelse HMR 80 døgn à Barselsdøgn per år fra 2026 "Færre reinnleggelser i barseltiden"
  besparelse HMR 200 000 kr per år fra 2026 "Mindre innleie av jordmødre i vaktene"
  besparelse Kristiansund 250 000 kr per år fra 2026 "Mindre innleie av vikarjordmor"
  besparelse Averøy 150 000 kr per år fra 2026 "Mindre innleie av vikarjordmor"

  balanse {
    horisont 2030
    overføring HMR til Averøy 100 000 kr per år fra 2026 "Utjevning av gevinst"
  }

  videreføring "Stillingene finansieres i partenes ordinære budsjetter fra 2028."
  personelleffekt nøytral "Stillingene finnes i dag som deltidsstillinger; tiltaket gjør dem hele."
  indikator "Andel gravide som møter samme jordmor gjennom hele forløpet" fra 20 % til 60 % innen 2027
  behandling HMR styre 2025-03-12 planlagt
  behandling Kristiansund bystyre 2025-04-01 planlagt
  behandling Averøy kommunestyre 2025-04-03 planlagt
}
`;
