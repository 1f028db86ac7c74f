"""Unexplained prohibitions: sentences that limit the licensee that no flag accounts for.

The OSD verdict is earned (SPEC.md, "OSD verdict"): a text is open only when nothing in
it forbids, limits or conditions the licensee's use, distribution or modification beyond
what every open license does. The flag rules recognise the restrictions they know; this
module finds the sentences that *look* restrictive by their drafting -- a negated modal
("may not", "shall not", "must not", "agree not to"), a limit ("only for", "solely",
"limited to", "restricted to"), a condition ("conditioned upon", "subject to approval",
"without prior written consent"), a ban ("prohibited", "not permitted") or a duty that
gates the grant ("must obtain", "must register") -- and reports those that:

- no restriction, condition, licensor-right or limitation hit explains (its evidence lies
  in the same clause), and
- are not one of the limitations every open license carries: warranty and liability,
  trademarks and endorsement, keeping notices, the copyleft duties (no further
  restrictions, the same license, source), compliance with the law, patents not licensed,
  the license text itself, and what the licensor does or need not do.

A reviewer reads exactly these sentences; the verdict is `undetermined` while any remain.
Patterns are linear-time (bounded gaps only).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from licensecmp.rules.base import Context, Hit, Span, gap
from licensecmp.rules.definitions import definitions, term_at
from licensecmp.rules.grants import LIST_ITEM, grant_units, permitted
from licensecmp.rules.lists import composed, leads
from licensecmp.rules.registry import list_hits
from licensecmp.rules.tiers import LIMITED_PURPOSE, widened
from licensecmp.taxonomy import Kind, flag_type

# Acts the licensee could be kept from: what an open license must leave free.
_ACTS = (
    r"(?:use|using|used|uses|run|running|deploy\w*|operat\w*|access\w*|copy|copying|"
    r"reproduc\w*|modify\w*|modif\w*|alter\w*|adapt\w*|chang(?:e|es|ed|ing)|translat\w*|fine-?tun\w*|"
    r"train\w*|distil\w*|fe(?:ed|eds|eding|d)|(?:re)?distribut\w*|share|sharing|publish\w*|sublicen[sc]\w*|sell\w*|"
    r"resell\w*|sold|rent\w*|lease\w*|lend\w*|transfer\w*|host\w*|provide|offer\w*|make\s+available|"
    r"disclos\w*|exploit\w*|commerciali[sz]\w*|monetis\w*|monetiz\w*|incorporat\w*|integrat\w*|"
    r"embed\w*|combin\w*|reverse[-\s]engineer\w*|decompil\w*|disassembl\w*|install\w*|"
    r"download\w*|hand(?:ed)?|giv(?:e|en)|pass(?:ed)?|export\w*|develop\w*|build\w*|create\w*|show|"
    r"display\w*|"
    r"improv\w*|benchmark\w*|compet\w*|serv(?!e\s+to\b)\w*|charg\w*|receiv\w*|earn\w*|collect\w*|generat\w*|"
    r"exercis\w*|utili[sz]\w*|enabl\w*|(?:make|making)(?!\s+(?:a\s+|any\s+|no\s+|much\s+)?(?:difference|sense|sure|certain)\b)|ask\w*|demand\w*|accept\w*|(?:re)?sale)"
)

# The drafting of a prohibition, a limit or a gating condition. A negated modal or a limit
# counts when an act of the licensee follows it ("may not be used", "shall only copy"):
# "shall not include", "may not be called", "will not be required" limit no act.
_MARKER = re.compile(
    rf"""
      \b(?:may|shall|must|will|can|should)\s+(?:not|never)[,\s]+(?:\w+\s+){{0,2}}?
        (?:be\s+)?{_ACTS}\b
    | \b(?:cannot|can't|won't|mustn't|shan't|shalt\s+not)\s+(?:\w+\s+){{0,2}}?(?:be\s+)?{_ACTS}\b
    | \b(?:agrees?|undertakes?|covenants?|promises?)\s+(?:\w+\s+){{0,2}}?(?:not|never)\s+to\b
    | \b(?:agrees?|undertakes?)\s+to\s+(?:not|never|refrain)\b
    | \brefrain\s+from\b
    | \b(?:nobody|no\s+one|no\s+person|no\s+user|no\s+licensee|no\s+entity
        |none\s+of\s+(?:this|it|these|them))\s+
        (?:may|shall|can|is\s+allowed\s+to|is\s+permitted\s+to|is\s+to)\b
    | \bnot\s+to\s+be\s+(?:used|deployed|shared|copied|distributed|modified|sold|offered|hosted)\b
    | (?:^|[:;]\s*)(?:\(?\w{{1,3}}[.)]\s+)?(?:do\s+not|don't|never)\s+{_ACTS}\b
    | \b(?:is|are|be|being)\s+(?:(?!not\b)\w+\s+)?(?:prohibited|forbidden|barred|excluded
        |not\s+(?:permitted|allowed|authori[sz]ed|licen[sc]ed|entitled|granted))\b
    # "Licensees may not be law-enforcement bodies": a class the licensee may not belong to
    | \b(?:licensees?|you|users?|recipients?)\s+(?:may|shall|must|can)\s+not\s+be\s+
        (?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?(?:bod(?:y|ies)|agenc\w+|compan\w+|organi[sz]ations?
        |entit\w+|governments?|militar\w+|contractors?|brokers?|competitors?|residents?
        |citizens?|members?|affiliates?|institutions?|firms?|businesses)\b
    # a right withheld in the passive: "Users may not be allowed to host the Model"
    | \b(?:may|shall|must|will|can)\s+not\s+be\s+(?:permitted|allowed|authori[sz]ed|entitled
        |licen[sc]ed)\s+to\s+{_ACTS}\b
    # "No Output may be used as training data": a ban whose subject is the thing
    | \bno\s+(?:[\w-]+\s+){{1,4}}?(?:may|shall|must|can)\s+(?:ever\s+)?(?:be\s+)?{_ACTS}\b
    # copies confined to a place: "keep the weights on the machines where you installed them"
    | \b(?:must|shall|will|agree\s+to)\s+(?:keep|retain|hold|store)\s+(?:the\s+|all\s+|any\s+
        |your\s+
        |its\s+)?(?:[\w-]+\s+){{0,3}}?(?:on|within|inside)\s+(?:the\s+|your\s+|its\s+)?(?:own\s+)?
        (?:machines?|devices?|premises|servers?|systems?|organi[sz]ation|infrastructure|computers?
        |environment|site|network)\b
    | \bnothing\s+in\s+(?:this|these|the)\s+(?:licen[sc]e|terms|agreement)\s+(?:extends|applies
        |is\s+granted)\s+to\b
    | (?<!\bnot\s)\b(?:prohibited|forbidden|restricted)\s+(?:uses?|purposes?|activities|from)\b
    | \b(?:prohibits|forbids)\s+(?:you|licensee|the\s+use|any\s+use|use)\b
    | \b(?:no|without\s+(?:the\s+|any\s+)?)(?:right|licen[sc]e|permission)\s+(?:is\s+granted\s+)?
        to\s+{_ACTS}\b
    | (?<!\bthat\s)(?<!\bif\s)(?<!\bunless\s)(?<!\bwhen\s)\b(?:you|licensee|recipients?)\s+(?:do
        |does)\s+not\s+
        {_ACTS}\b
    | \bnot\s+include\s+(?:the\s+|any\s+)?rights?\s+to\b
    | \b(?:under\s+no\s+circumstances|in\s+no\s+(?:case|event)|at\s+no\s+time)\s+(?:may|shall|can
        |will|is|are)\b
    | \b(?:licen[sc]es?|permissions?|rights?|grants?)\s+(?:\w+\s+){{0,3}}?(?:does|do|shall
        |will)\s+not\s+
        (?:cover|extend\s+to|include)\b
    | ^\W*(?:\(?\w{{1,3}}[.)]\s+)?no\s+(?:[\w-]+\s+){{0,3}}?(?:use|uses|usage|distribution
        |redistribution
        |modification|deployment|training|hosting|resale|sales?)\b
    | ^\W*(?:\(?\w{{1,3}}[.)]\s+)?no\s+[\w-]+(?:\s+[\w-]+){{0,3}}\s*[.;]?\s*$
    | ^\W*(?:\(?\w{{1,3}}[.)]\s+)?not\s+for\s+(?:[\w-]+\s+){{0,3}}?(?:use|uses|purposes?|sale
        |resale)\b
    | \bneither\b[^.;]{{0,80}}\bnor\b(?:(?!,\s*then\b)[^.;]){{0,80}}
        \b(?:may|shall|can|will|(?:is|are)\s+(?:\w+\s+)?(?:permitted|allowed|authori[sz]ed|licen[sc]ed
          |granted|entitled|to\s+be))\b
    | \bno\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){{1,12}}?(?:is|are|may|shall|can)\s+(?:be\s+)?
        (?:licen[sc]ed
        |permitted|allowed|entitled|authori[sz]ed|granted|given|extended)\s+to\b
    | \b(?:licen[sc]e|agreement|grant|rights?|permissions?)\s+(?:\w+\s+){{0,2}}?(?:does|do|shall
        |will)
        \s+not\s+(?:apply|extend)\s+to\s+(?:any\s+|the\s+|a\s+)?(?:compan\w+|persons?|entit\w+
            |organi[sz]ations?
        |individuals?|users?|customers?|licensees?|governments?|militar\w+|business\w*|people
            |firms?|you)\b
    | \bonly\s+(?:while|so\s+long\s+as|as\s+long\s+as|during|after|once|upon|following|when)\b
    | \b(?:agrees?|undertakes?|promises?)\s+to\s+(?:avoid|stay\s+clear\s+of|steer\s+clear\s+of
        |keep\s+away\s+from|abstain\s+from)\b
    | \b(?:may|shall|must|can|will|agrees?\s+to)\s+(?:\w+\s+){{0,3}}?(?:only|solely|exclusively
        |strictly)\s+
        (?:\w+\s+){{0,2}}?(?:be\s+)?{_ACTS}\b
    | (?<!not\s)\b(?:only|solely|exclusively|strictly)\s+(?:be\s+)?(?:used|for|within|on|in
        |internally
        |personal\w*|non-?\s?commercial\w*|research\w*|academic\w*|evaluat\w*|educational\w*
        |internal\w*|private\w*|with|as\s+(?:a\s+)?(?:part|component)\s+of)\b
    | \bnot\s+(?:to\s+be\s+used\s+)?for\s+(?:any\s+)?(?:[\w-]+\s+){{0,2}}?
        (?:purposes?|activit\w*|uses?
        |gain|profit|business|sale|resale)\b
    | (?<!not\s)\b(?:limited|restricted|confined)\s+(?:solely\s+|only\s+|exclusively\s+)?to\s+
        (?:\w+\s+){{0,3}}?
        (?:use|uses|usage|purposes?
        |internal\w*|personal\w*|non-?\s?commercial\w*|research\w*|academic\w*|evaluat\w*
            |educational\w*
        |customers?|employees?|devices?|hardware|platforms?|users?|members?|residents?|countries
        |territor\w*|individuals?|persons?|organi[sz]ations?|entities|institutions?|copies|seats?)\b
    | \b(?:use|usage|rights?|licen[sc]e|permission|access|distribution)\s+(?:\w+\s+){{0,3}}?
        (?:is|are|shall\s+be|will\s+be)\s+(?:strictly\s+)?(?:limited|restricted|confined)\s+
        (?:solely\s+|only\s+|exclusively\s+)?to\b
    | \b(?:conditioned|conditional|contingent
        |(?:rights?|licen[sc]es?|grants?|permissions?|use)\s+(?:\w+\s+){{0,3}}?(?:is|are)\s+dependent)
      \s+(?:up)?on\b
        (?!\s+(?:your\s+|the\s+licensee's\s+)?(?:full\s+)?compliance\s+with\s+(?:this|these
            |the\s+terms
          |sections?|the\s+conditions|its\s+terms))
    | \bsubject\s+to\s+(?:(?:the|our|its|their|prior|written|express|separate|\w+'s)\s+){{0,3}}
        (?:approval|consent|authori[sz]ation|permission|review|registration|acceptance|payment)\b
    | \bwithout\s+(?:first\s+)?(?:obtaining\s+|having\s+|receiving\s+)?(?:the\s+|a\s+)?
        (?:(?:our|its|their|\w+'s|prior|express|explicit|specific|written|separate)\s+){{0,4}}
        (?:consent|permission|approval|authori[sz]ation)\b
    | (?<!n't\s)(?<!not\s)(?<!never\s)
      \b(?:must|shall|should|will|need\s+to|needs\s+to|are\s+required\s+to|is\s+required\s+to
          |have\s+to
        |has\s+to|agree\s+to)\s+(?:first\s+)?(?:obtain|request|seek|apply\s+for|register|notify
        |write\s+to|ask\s+(?:us|for|the\s+licensor)|apply\s+(?:to\s+us|for|through|via|at|online
            |with)|lodge
        |file|send
        |pay|purchase|enter\s+into|sign|acquire|contact|e-?mail|submit|buy
        |(?:complete|fill\s+(?:in|out))\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:[\w-]+\s+)?(?:form
            |registration|application|questionnaire|survey|sign-?up)
        |receive\s+(?:an?\s+)?(?:approval|confirmation|permission|consent|licen[sc]e|key)|await)\b
    | \b(?:need|needs|requires?|required)\s+(?:\w+\s+){{0,2}}?(?:our|the\s+licensor's|\w+'s)\s+
        (?:prior\s+)?(?:written\s+)?(?:consent|permission|approval)\b
    """,
    re.I | re.X,
)

_COUNT = (
    r"(?:[\d][\d,.]*\s*(?:k|m|bn|b|million|billion|thousand|hundred)?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a|several)\s+"
    r"(?:hundred|thousand|million|billion)(?:\s+(?:thousand|million))?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|hundred)\b)"
)
_MORE = (
    r"(?:exceed\w*|more\s+than|over|above|greater\s+than|in\s+excess\s+of|at\s+least|upwards\s+of"
    r"|surpass\w*|beyond|reach\w*|or\s+more|or\s+greater|cap|limit|threshold|below|under|less\s+than"
    r"|at\s+most|not\s+more\s+than|a\s+maximum\s+of|number\s+more\s+than"
    r"|fewer\s+than|up\s+to|no\s+more\s+than|maximum)"
)
# Drafting that limits the licensee without naming an act: a count of users or money that
# decides the rights, the licensor's power to revoke or change them at will, a time limit,
# a class of eligible licensees.
_SIGNAL = re.compile(
    rf"""
      \b{_MORE}\s+(?:\w+\s+){{0,2}}?(?:(?:USD|EUR|GBP|CNY|RMB
          |US)?\s?[$\u20ac\u00a3\u00a5]?\s?{_COUNT})\s*
        (?:\w+\s+){{0,3}}?(?:(?:monthly|daily|weekly|annual|active|registered|unique|end)\s+)*
        (?:users?|seats?|accounts?|subscribers?|customers?|people|persons|individuals|employees
            |staff
          |visitors|devices|installations|downloads|members|MAU|DAU|requests|queries|calls
          |workstations|computers|machines|instances|servers|sites|locations|cores|GPUs|audiences?
          |readers|viewers|listeners|players|patients|students|seats)\b
    | \b(?!(?:one|1)\s+or\s+more\b){_COUNT}\s+(?:or\s+(?:more|greater|above|over)|\+)\s+
        (?:\w+\s+){{0,3}}?(?:(?:monthly|daily
        |weekly
        |annual|active|registered|unique|end)\s+)*(?:users?|people|persons|customers|subscribers
            |accounts
        |visitors|installations|devices|seats|employees|members)\b
    | \b(?:uses?|deployments?|purposes?|services?|products?|users?|compan\w+
        |organi[sz]ations?)\b[^.;]{{0,80}}
        \b(?:is|are|falls?)\s+outside\s+(?:the\s+scope\s+of\s+)?this\s+licen[sc]e\b
    | (?<!not\s)(?<!n't\s)(?<!never\s)
      \b(?:requires?|required|subject\s+to)\s+(?:a\s+|an\s+|the\s+)?(?:(?:completed|prior|written
        |separate
        |signed|successful)\s+)*(?:application|registration|approval|sign-?up|permission|consent
            |licen[sc]e\s+key)\b
    | \bapplication\b[^.;]{{0,60}}\b(?:must|shall|has\s+to|needs?\s+to)\s+(?:first\s+)?be\s+
        (?:filed|submitted|made|approved|sent|accepted|lodged)\b
    # an application someone decides on: "whose application we have approved"
    | \bapplications?\b[^.;]{{0,60}}\b(?:approv(?:e|es|ed|al)|accept(?:s|ed|ance)?)\b
    # a use that counts as a breach is forbidden: "Commercial use shall be deemed a breach"
    | \b(?:deemed|considered|treated|regarded)\s+(?:as\s+)?(?:an?\s+)?(?:material\s+)?
        (?:breach|violation|infringement)\b
    | \b(?:approv(?:e|es|ed)|accept(?:s|ed)?)\s+(?:\w+\s+){{0,2}}?applications?\b
    | \b(?:on|upon)\s+application\b | \bgo-ahead\b
    | \bfill\s+(?:in|out)\s+(?:the|our|a|an)\s+(?:[\w-]+\s+)?form\b | \bapplicants?\b
    | (?<!not\s)(?<!n't\s)(?<!never\s)
      \b(?:requires?|required|subject\s+to|needs?)\s+(?:our|its|the\s+licensor's|(?-i:[A-Z])\w+'s
        |prior|written|\s)+
        (?:sign-?off|authori[sz]ation|clearance|approval|consent|permission|confirmation|go-ahead)\b
    | \b(?:separate|additional|commercial|paid|enterprise)\s+(?:commercial\s+)?(?:licen[sc]e
        |agreement|contract)
        \s+(?:is|are|will\s+be)\s+(?:needed|required|necessary)\b
    | \bappl(?:y|ies|ied|ying)\s+(?:at|via|through|using|online|on\s+our|with\s+us)\b
    # the licensor decides on each request: an application in all but name
    | \b(?:decide|decides|decided|determine|determines)\s+(?:\w+\s+){{0,2}}?whether\s+
        (?:\w+\s+){{0,3}}?(?:grant|approv|accept|allow|permit|admit)\w*
    | \b(?:review|assess|evaluat|consider|vet)\w*\s+(?:each|every|all|your|the|any)\s+
        (?!(?:pull|merge|feature|bug|support)\b)(?:\w+\s+)?(?:requests?|applications?|submissions?)\b
        (?!\s+for\s+(?:new\s+)?(?:features?|changes?|fixes|help|support|enhancements?|improvements?))
    | \bwhether\s+(?:your|the|a|an)\s+(?:\w+\s+)?(?:requests?|applications?)\s+(?:is|has\s+been|was
        |will\s+be)\s+(?:granted|approved|accepted|successful)\b
    | \b(?:application|approval|vetting|admission)\s+(?:process|procedure)\b
    | \b(?:are|is|been|being)\s+admitted\s+(?:to|into)\b
    | \b(?:be|been|being|is|are)\s+approved\s+(?:by\s+us|before|first|in\s+writing)\b
    | \bby\s+(?:prior\s+)?(?:application|arrangement|agreement|permission|invitation)\s+only\b
    | \bonly\s+by\s+(?:prior\s+)?(?:application|arrangement|agreement|permission|invitation)\b
    | \b(?:are|is|fall)\s+outside\s+(?:the|this)\s+(?:permission|licen[sc]e|grant|scope)\b
    | \b(?:rights?|licen[sc]es?|permissions?)\b[^.;]{{0,60}}\b(?:are|is|shall\s+be|will\s+be
        |become)\s+
        suspended\b
    | \buntil\s+(?:we|the\s+licensor|(?-i:[A-Z])\w+)\s+(?:have|has)\s+(?:replied|confirmed|approved
        |agreed
        |consented|granted|issued|accepted|responded)\b
    | \buntil\s+(?:you\s+have\s+)?(?:received|obtained)\s+(?:our|written|the\s+licensor's
        |a\s+signed)\b
    | \b(?:send|submit|file|lodge|make)\s+(?:us\s+)?(?:an?\s+)?(?:written\s+)?request\b
    | \b(?:fil(?:e|es|ed|ing)|lodg\w*|puts?\s+in|putting\s+in|hand\w*\s+in)\s+(?:us\s+)?
        (?:an?\s+|the\s+|your\s+|our\s+)?(?:[\w-]+\s+)?(?:enquiry|inquiry|application|proposal)\b
    # "make an application" is also building software: the request is to someone, or a form
    | \b(?:send\w*|sent|submit\w*|mak(?:e|es|ing)|made)\s+(?:us\s+)?(?:an?\s+|the\s+|your\s+
        |our\s+)?(?:(?:completed|written|online|signed|formal)\s+(?:enquiry|inquiry|application
        |proposal)\b|(?:enquiry|inquiry|application|proposal)\s+(?:to|for|with)\b)
    | \b(?:contact|e-?mail|write\s+to)\s+(?:us|our\s+[\w-]+(?:\s+[\w-]+)?\s+team
        |the\s+licensor)\b[^.;]{{0,120}}
        \b(?:obtain|receive|get|sign)\w*\b
    | \bsigned\s+(?:\w+\s+){{0,2}}(?:letter|agreement|contract|addendum|licen[sc]e)\b
    | \bexcluded\s+from\s+(?:this|the)\s+(?:grant|licen[sc]e|permission)\b
    | \b(?:permission|licen[sc]e|grant)\s+excludes\b
    | \b(?:users?|people|persons|customers|subscribers|accounts|employees|staff|audiences?|sessions
        |requests|visitors
        |visitors)\b[^.;]{{0,80}}
        \b{_MORE}\s+{_COUNT}
    | \b(?:need|needs|require|requires|obtain|request|negotiate|enter\s+into)\s+(?:a\s+|an\s+)?
        (?:separate|additional|commercial|different|new|another|paid|enterprise)\s+
        (?:licen[sc]e|agreement|deal|contract|permission|arrangement)\b
    | \b(?:licen[sc]e|agreement|grant|permission)\s+(?:\w+\s+){{0,2}}?
        (?:stops?|ceases?|no\s+longer)\s+
        (?:to\s+)?(?:cover\w*|appl\w*)\b
    | \b(?:request|application|registration|sign-?up|enrol\w*)\s+form\b
    | \b(?:licen[sc]e|activation|product|serial|access|api)\s+keys?\b
    | \blicen[sc]e\s+numbers?\b
    | \bappl(?:y|ies|ied|ying)\s+(?:to\s+us|to\s+\w+\s+for|for\s+(?:and\s+\w+\s+\w+\s+)?
        (?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?(?:licen[sc]e|permission|approval|access|key|grant))\b
    | \bregister\s+(?:your\s+\w+\s+|yourself\s+)?with\b
    | \bapproval\s+(?:notice|letter|e-?mail|from\s+us)\b | \bquestionnaire\b | \bonboarding\b
    | \bconfirmation\s+(?:e-?mail|letter|notice|message)\b
    | \bcomplet\w*\s+(?:the|a|an|our|your)\s+(?:[\w-]+\s+){{0,3}}?(?:application|registration
        |questionnaire|sign-?up|request)\b
    # a use the grant leaves out: "Selling access is not covered by the rights above"
    | \b(?:uses?|using|usage|deploy\w*|sell\w*|sale|access|host\w*|offer\w*|commercial\w*
        |operat\w*|provid\w*|services?|train\w*)\b(?:(?!\bother\s+than\b)[^.;]){{0,80}}
        \b(?:is|are)\s+not\s+(?:included|covered|granted|licen[sc]ed|part\s+of)\s+(?:in|by|under
        |within)\b
    | \bnot\s+(?:to|for)\s+(?:earn|make|generat|turn)\w*\s+(?:money|a\s+profit|profits?|revenue
        |income)\b
    | \bnot\s+for\s+(?:profit|money|gain|financial\s+gain|commercial\s+gain)\b
    | \bfree\s+of\s+charge\s+only\b | \bonly\s+(?:if\s+)?(?:free\s+of\s+charge|without\s+charge
        |at\s+no\s+cost)\b
    | \bwait\s+for\s+(?:our|its|their|\w+'s)\s+(?:written\s+)?(?:confirmation|approval|consent|reply
        |permission|go-ahead|answer|response|decision)\b
    | \b(?:our|the\s+licensor's)\s+(?:prior\s+)?(?:written\s+)?(?:confirmation|approval)\b
    | \b(?:pay|owe|due)\b[^.;]{{0,40}}\broyalt | \broyalt(?:y|ies)\s+(?:of|is|are|shall\s+be)\s+\d
    | \b(?:you\s+owe|payable|fee\s+of|fees?\s+(?:is|are)\s+due)\b
    | \bper\s+(?:unit|device|copy|seat|user|installation)\b
    | \d+\s*%\s+of\s+(?:your\s+)?(?:net\s+|gross\s+)?(?:sales|revenue|receipts|income|turnover)\b
    | \b(?:anything|everything)\s+else\b(?!\s*[.?!]?\s*$)
    | \b(?:any\s+)?other\s+uses?\s+(?:is|are)\s+
        (?:not|outside|excluded|prohibited|reserved|forbidden)\b
    | \b(?:rights?|licen[sc]e|permission|grant)\b[^.;]{{0,40}}
        \b(?:cover|covers|extends?\s+to|applies\s+to
        |is\s+for|are\s+for|is\s+given\s+for)\b[^.;]{{0,40}}\b(?:research|scholarly|academic
            |teaching
        |education\w*|personal|hobby|evaluation|internal|non-?\s?commercial|study|studying)\b
    | (?<!\bor\s)(?<!\band\s)(?<!\bincluding\s)(?<!\beven\s)(?<!\balso\s)
      \bfor\s+non-?\s?commercial\s+(?:purposes?|uses?|research|ends)\b
        (?!\s+(?:or|and)\s+commercial)
    | \b(?:granted|available|licen[sc]ed)\s+to\s+(?:everyone|anyone|all|any\s+person)\s+except\b
    | \bexcept\s+(?:for\s+)?the\s+following\s+(?:\w+\s+)?(?:entities|persons|organi[sz]ations
        |companies
        |countries|individuals|users|parties)\b
    | \bnon-?\s?competi\w* | \bcompet(?:ing|itive|itors?|es)\b
    | \buse\s+restrictions\b | \brestrictions\s+on\s+(?:the\s+)?use\b
    | \bnot\s+(?:\w+,?\s+){{0,3}}?licen[sc]ed\s+(?:or\s+\w+\s+)?for\s+use\b
    | \b(?:individuals|organi[sz]ations|persons|entities|users|companies)\s+(?:that|who|which)\s+
        (?:do|does|are|is)\s+not\b
    | (?<!non-)\b(?:money|revenue|profit|income)[-\s](?:making|generating|seeking|earning)\b
        (?!\s+or\s+not)
    | \bnot\s+(?:be\s+)?(?:sold|used|distributed|offered|provided)\s+for\s+(?:profit|gain|money)\b
    | \b(?:revenue|turnover|receipts|income|sales|valuation|funding|profits?|capitali[sz]ation
        |raised
        |investment|assets)\b
        [^.;]{{0,80}}\b{_MORE}\b
        # an amount, a named cap or a defined term follows: "under grant MIP-93" is none
        (?=\s+(?:\w+\s+){{0,2}}?(?:(?:USD|EUR|GBP|CNY|RMB|JPY|US)\s?)?[$\u20ac\u00a3\u00a5]?\s?\d
          |\s+(?:\w+\s+){{0,2}}?(?:one|two|three|four|five|six|seven|eight|nine|ten|a|several)\s+
            (?:hundred|thousand|million|billion)
          |\s+(?:the|a|an|any|your|our|its|such|that)\s+(?:[\w-]+\s+){{0,2}}?(?:threshold|cap|ceiling
            |limit|amount|sum|figure|level)
          |\s+(?:the\s+)?["\u201c]?(?-i:[A-Z]) | \s+(?:it|this|that|them)\b
          |\s*[.;,)]|\s*$)
    | \b{_MORE}\s+{_COUNT}\s*(?:\([^)]{{0,20}}\)\s*)?(?:\w+\s+){{0,3}}?(?:unique\s+|daily\s+
        |monthly\s+)?
        (?:users?|visitors|people|persons|customers|requests|sessions|installs|installations)\b
    | \b{_MORE}\s+(?:\w+\s+){{0,2}}?(?:(?:USD|EUR|GBP|CNY|RMB|JPY|CHF|CAD|AUD
        |US)\s?[$\u20ac\u00a3\u00a5]?
        |[$\u20ac\u00a3\u00a5])\s?[\d]
    | \b(?:for|lasts?|valid|expires?\s+after)\s+(?:for\s+)?(?:a\s+(?:period|term)\s+of\s+)?
        (?:\d{{1,4}}|one|two|three|four|five|six
        |seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|eighteen|twenty|twenty-four|thirty
            |thirty-six
        |forty-five|sixty|ninety)\s+
        (?:\(\d{{1,4}}\)\s+)?(?:days?|weeks?|months?)\b
    | \b(?:trial|evaluation)\s+(?:period|licen[sc]e|use|version)\b
    | \bonly\s+(?:to\s+|for\s+|by\s+)?(?:\w+\s+){{0,2}}?(?:licensees?|entities|persons|individuals
        |organi[sz]ations?|companies|users|customers|students|members)\s+(?:that|who|whose|with
            |which)\b
    """,
    re.I | re.X,
)
# The licensor's power over the rights: to revoke or change them at will. No limitation
# of an open license explains it.
_POWER = re.compile(
    r"""
      \b(?:revoke|withdraw|suspend|terminate|cancel|modify|amend|change|update|replace
        |vary|decline|refuse|reject|deny)\b[^.;]{0,80}
        \b(?:at\s+any\s+time|(?:at|in)\s+(?:its|our|their|\w+'s)\s+(?:sole\s+|absolute\s+
            |own\s+)*discretion
          |for\s+any\s+reason|without\s+(?:cause|notice|reason))\b
    | \b(?:at\s+any\s+time|(?:at|in)\s+(?:its|our|their|\w+'s)\s+
        (?:sole\s+|absolute\s+|own\s+)*discretion)\b
        [^.;]{0,60}\b(?:revoke|withdraw|suspend|terminate|cancel|modify|amend|change|update
            |replace)\b
    """,
    re.I | re.X,
)

# A "no" just before a signal takes it back.
_NO_BEFORE = re.compile(
    r"\b(?:no|without(?:\s+any)?)\s+(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,8}$", re.I
)

# What "is subject to change without notice" may be about other than the terms.
_NOT_TERMS = re.compile(
    r"\b(?:information|specifications?|document\w*|web\s*site|site|pages?|contents?"
    r"|features?|contact\s+information|services?)\b",
    re.I,
)
_TERMS_WORDS = re.compile(r"\b(?:licen[sc]es?|terms|agreement|rights|permissions?)\b", re.I)

# The rights end for a breach, a patent or IP suit, or at the licensee's choice: every
# open license may say so.
_ORDINARY_END = re.compile(
    r"\bbreach|\bfail\w*\s+to\s+comply|\bnon-?compliance|\bviolat|\bpatent|\blitigation|\blawsuit"
    r"|\bclaim|\bsue\b|\binfring|\bcomply\s+with|\bcopyright\s+term\b|\bterm\s+of\s+(?:the\s+)?copyright"
    r"|\bperpetual|\birrevocabl|\bnew\s+versions?|\bsurviv"
    r"|\b(?:you|recipients?|licensee)\s+may\s+(?:choose\s+to\s+|elect\s+to\s+)?(?:terminate|end)\b",
    re.I,
)

# Cheap gate: a sentence with none of these words holds no marker.
_MARKER_WORDS = (
    "not",
    "never",
    "n't",
    "refrain",
    "prohibit",
    "forbid",
    "barred",
    "excluded",
    "only",
    "solely",
    "exclusively",
    "strictly",
    "limited to",
    "restricted to",
    "confined to",
    "condition",
    "contingent",
    "dependent",
    "subject to",
    "without",
    "obtain",
    "request",
    "seek",
    "apply",
    "register",
    "notify",
    "pay",
    "purchase",
    "enter into",
    "sign",
    "execute",
    "acquire",
    "contact",
    "mail",
    "submit",
    "buy",
    "no right",
    "no licen",
    "no permission",
    "require",
    "clear of",
    "avoid",
    "neither",
    "abstain",
    "deemed",
    "regarded",
    "considered",
    "treated",
    "keep away",
    # the signals
    "user",
    "seat",
    "account",
    "subscriber",
    "customer",
    "people",
    "person",
    "employee",
    "staff",
    "visitor",
    "device",
    "install",
    "download",
    "member",
    "mau",
    "dau",
    "revenue",
    "turnover",
    "receipt",
    "income",
    "sales",
    "valuation",
    "funding",
    "profit",
    "capitali",
    "$",
    "\u20ac",
    "\u00a3",
    "discretion",
    "any time",
    "suspend",
    "revok",
    "day",
    "week",
    "month",
    "trial",
    "evaluation",
    "entities",
    "licensee",
    "individual",
    "organi",
    "compan",
    "student",
    "workstation",
    "computer",
    "machine",
    "instance",
    "server",
    "separate",
    "additional",
    "form",
    "wait for",
    "approval",
    "confirmation",
    "consent",
    "permission",
    "royalt",
    "owe",
    "payable",
    "fee",
    "per ",
    "%",
    "else",
    "other use",
    "outside",
    "cover",
    "for ",
    "making",
    "generating",
    "profit",
    "no ",
    "nobody",
    "no one",
    "none of",
    "million",
    "billion",
    "thousand",
    "licen",
    "application",
    "request",
    "audience",
    "daily",
    "weekly",
    "monthly",
    "go-ahead",
    "key",
    "register",
)

# Where one clause of a sentence ends and the next begins.
_CLAUSE_BREAK = re.compile(
    r";|:\s|(?<!\be\.g)(?<!\bi\.e)(?<!\bU\.S)(?<!\bU\.K)(?<!\bInc)(?<!\bLtd)\.\s|\bbut\b|\bhowever\b|\bwhereas\b|\bprovided\s+(?:that|however)\b",
    re.I,
)
# A sentence that defines a term: it limits nothing by itself (the clause using the term does).
_DEFINITION = re.compile(
    r"^(?:\(?[\w.]{1,8}[.)]?\s+)?[^.;:]{0,120}?\b(?:means|shall\s+mean|refers?\s+to|is\s+defined\s+as"
    r"|shall\s+refer\s+to|(?:shall|does)\s+not\s+include\b(?!\s+(?:the\s+|any\s+)?rights?\b))"
    r'|^\W*(?:an?\s+|the\s+)?"[^"]{1,60}"\s+(?:is|are|includes?)\b',
    re.I,
)

# The limitations every open license has, and sentences that bind the licensor or the
# license text rather than the licensee. One of them in the clause of a marker explains it.
_STANDARD = re.compile(
    r"""
    # warranty, liability, support: the licensor promises nothing
      warrant | liab | damages | \bas[\s-]is\b | merchantab | fitness | indemn
    | \b(?:refrain\s+from|not\s+to)\s+(?:bring|institut|commenc|fil|start)\w*\s+(?:an?\s+|any\s+)?
        (?:legal\s+)?(?:actions?|suits?|claims?|proceedings?)\b
    # a question to ask when in doubt, not a permission to wait for
    | \bif\s+(?:you\s+are\s+)?(?:unsure|uncertain|in\s+doubt|not\s+sure)\b
    | \bif\s+you\s+have\s+(?:any\s+)?questions\b
    | \b(?:provide|no|any|offer)\b[^.;]{0,40}\b(?:support|maintenance|updates)\b
    | \bfor\s+any\s+purpose(?:\s+whatsoever)?\s+without\b
    | \bconditions\s+(?:\w+\s+){0,2}?(?:are|is|have\s+been)\s+(?:not\s+)?
        (?:met|satisfied|fulfilled)\b
    | \bacceptance\s+of\s+(?:the\s+following|these|this|the\s+terms|the\s+conditions|such)\b
    | \benter\s+into\s+this\b | \bresponsib | \bobligat | \bobliged\b
    | \brequired\s+to\s+(?:provide|accept|give|maintain)\b
    | \bnot\s+(?:be\s+)?required\b | \bneed\s+not\b | \bnot\s+(?:need|have)\s+to\b
    # trademarks, names, endorsement
    | trademark | trade[\s-]?names? | \bservice\s+marks?\b | \blogos?\b | \bbrand | endorse
    | \bpromot\w*\s+(?:any\s+)?(?:products?|derived|services?)\b
    | \bpublicity\b | \badvertis | \bnames?\s+of\b | \bname\s+(?:of|or)\b | \bcalled\b
    | \b(?:in|to)\s+(?:their|its|the)\s+names?\b | \bcall\s+(?:your|its|their)\b
    | \bnames?\s+(?:\w+\s+){0,2}?to\s+(?:promote|endorse|market|advertis\w*|sell)\b
    # a changed version under a name of its own (OSD 4): "not under the name X", "a new name"
    | \bunder\s+the\s+(?:same\s+|original\s+)?names?\b
    | \b(?:new|different|distinct|another)\s+name\b
    | \bthe\s+(?:term|word|designation)s?\s+["\u201c][^"\u201d]{1,40}["\u201d]\s+(?:\w+\s+){0,4}?
        (?:used|use)\b | \bword\s?marks?\b
    # notices, attribution, origin
    | \b(?:copyright|legal|licen[sc]e|attribution|proprietary|patent|trademark|this|these|such|above
        |all|any|the\s+following)\s+notices?\b | \bnotices?\s+(?:of|that|in|stating)\b
    | \b(?:retain|keep|remov|alter|preserv|obscur|reproduc|includ)\w*\b[^.;]{0,80}\bnotices?\b
    | \battribution\b | \bin\s+terms\s+of\s+this\s+licen[sc]e\b | \bmore\s+restrictive\b
    | \bif\s+you\s+(?:want|wish|would\s+like|prefer|need)\b | \bdo(?:es)?\s+not\s+permit\s+the\b
    | \b(?:is|are)\s+(?:kindly\s+)?(?:requested|asked|encouraged|invited)\s+to\b
    | \bintends?\s+that\b | \b(?:might|may)\s+intend\b
    | \b(?:to|of)\s+(?:the\s+)?(?:terms|conditions)\s+(?:and\s+conditions\s+)?(?:hereof|of\s+this)\b
    | \bcontraven\w*\s+(?:\w+\s+){0,5}?(?:these|this|the)\s+(?:terms|licen[sc]e|agreement)\b
    | \bnot\s+licen[sc]ed\s+under\b | \bin\s+violation\s+of\s+(?:these|this|the)\s+(?:terms
        |licen[sc]e|agreement)\b
    | \bthe\s+names?\s+["\u201c] | \bno\s+other\s+(?:rights|licen[sc]es?)\b
    | \breserv\w*\s+(?:\w+\s+){0,3}?(?:rights?|title|ownership|interests?)\b
    | \b(?:rights?|title)\b[^.;]{0,60}\breserved\b
    | \bno\s+(?:other|added|additional|further|extra)\b | \bno\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is\s+)?
        (?:required
        |needed|necessary)\b
    | \bno\s+(?:obligation|support|maintenance|updates|guarantee|representation|agency|partnership
        |assurances?
        |waiver|assignment|third[-\s]party|implied|fee|fees|royalt\w*|charge|cost|restrictions?
            |limits?)\b
    | \b(?:assign|transfer)\w*\s+(?:or\s+\w+\s+)?(?:this|the)\s+(?:licen[sc]e|agreement)\b
    | \blegends?\b | \bcopyright\s+(?:statements?|lines?|headers?|notices?)\b
    | misrepresent | \borigin\s+of\b | \bauthorship\b
    | \bin\s+a\s+(?:manner|way)\s+(?:that\s+(?:appears|is|seems)\s+)?
        (?:misleading|distorted|deceptive)\b
    | \bin\s+a\s+(?:misleading|distorted|deceptive)\s+(?:or\s+\w+\s+)?(?:manner|way)\b
    | \b(?:give|giving|provide|take)\s+(?:\w+\s+)?credit\b | \bcredit\s+(?:to|for)\b
    # copyleft: no further restrictions, the same license, source, recipients' rights
    | \bimpose\b | \bfurther\s+restrictions\b | \badditional\s+(?:restrictions|terms|conditions)\b
    # no fee for the licence itself: the rights pass on free, copies may still be sold
    | \b(?:charg\w*|ask\w*\s+for|demand\w*|collect\w*|impos\w*|levy\w*|request\w*)\s+
        (?:\w+\s+){0,3}?
        (?:(?:copyright\s+)?licen[sc]e\s+fees?|royalt\w*)\b
    | \b(?:fees?|charg\w*(?:\s+[\w-]+){0,3}?|anything)\s+for\s+(?:the\s+)?(?:right|rights|grant
        |granting)\b
    | \bfor\s+(?:this|the)\s+\w+\s+itself\b
    # rights that depend on licensing one's own work the same way
    | \b(?:conditioned|conditional|contingent)\s+(?:up)?on\s+(?:your\s+|you\s+)?(?:licen[sc]ing
        |releasing|distributing|making\s+available|offering)\b
    | \bsame\s+(?:terms|licen[sc]e|conditions)\b
    | \b(?:make|made|provide|offer|accompan\w*|include|obtain|available|access)\b[^.;]{0,60}
        \bsource\s+(?:code|form)\b
    | \bsource\s+(?:code|form)\b[^.;]{0,60}\b(?:make|made|provide|offer|accompan\w*|include
        |obtain|available|access)\b
    | \bcorresponding\s+source\b | \bobject\s+code\b | \bexecutable\s+form\b
    | \b(?:technological|technical)\s+(?:protection\s+)?measures?\b
    | \brecipients?'?\s+(?:rights|exercise|freedom)\b
    | \b(?:alter|restrict|modify)\s+(?:the\s+)?(?:applicable\s+)?(?:version|terms|recipients?')\b
    | \b(?:distribut\w*|releas\w*|licen[sc]\w*|convey\w*|provid\w*|offer\w*|sublicens\w*|publish\w*
        |available)\s+(?:(?!(?:no|not|never)\b)[\w-]+\s+){0,5}?under\s+(?:the\s+)?(?:terms\s+
            (?:and\s+conditions\s+)?of\s+)?
        (?:this|the\s+same|that)\s+(?:licen[sc]e|public\s+licen[sc]e)\b
    | \b(?:except|other\s+than|only|but\s+only)\s+(?:as\s+|to\s+the\s+extent\s+)?
        (?:expressly\s+|explicitly\s+|otherwise\s+)?(?:provided|permitted|granted|stated|allowed
          |authori[sz]ed|set\s+(?:forth|out)|specified|indicated)\b
    | \bin\s+(?:accordance|compliance)\s+with\s+(?:the\s+)?(?:following\s+|above\s+)?
        (?:terms|conditions
        |(?:terms\s+of\s+)?(?:this|the)\s+(?:licen[sc]e|agreement))\b | \bmarks?\b
    # the law: compliance with it is no restriction of the license's own
    | \b(?:applicable|export|import|sanctions?|trade|privacy|data\s+protection)\s+(?:control\s+)?
        (?:laws?|regulations?|controls?|rules?)\b
    | \bviolat\w*\s+(?:of\s+)?(?:any\s+)?(?:applicable\s+)?(?:laws?|regulations?)\b
    | \bunlawful\b | \billegal\b | \bstatut | \blaws?\b | \blegislation\b | \bregulations?\b
    | \bconvention\b | \bcourts?\b | \bjurisdiction | \bvenue\b | \barbitrat
    # accepting the license, ending and reinstating it, agents acting for the licensee
    | \b(?:accept|agree\s+(?:to|with)|comply\s+with)\b[^.;]{0,40}\b(?:this|these|the|such)\s+
        (?:licen[sc]e|terms|agreement|conditions)
    | \bthis\s+alternative\b | \bhow\s+to\s+obtain\b | \b(?:re-?)?export | \bembargo | \bsanction
    | \breinstat | \bcure\b
    | \brecipient'?s?\s+ability\b | \bin\s+excess\s+of\s+(?:your\s+)?(?:actual\s+
        |reasonable\s+)?cost
    | \bcharge\b[^.;]{0,60}\bsource\s+code\b | \b(?:by|for)\s+(?:this\s+\w+\s+)?itself\b
    | \b(?:publish|release|issue)\w*\s+(?:new|revised|updated|later)\s+
        (?:(?:and/or|or|and)\s+new\s+)?versions?\b
    | \bon\s+(?:your|its|their)\s+(?:own\s+)?behalf\b | \bexclusively\s+for\s+you\b
    | \bsub-?licens\w*(?:\s+(?:or|and)\s+(?:transfer|assignment)\w*(?:\s+of\s+(?:the\s+)?rights)?)?
        \s+(?:is|are)\s+not\b
    # a limit another licence sets ("unless the documentation licence does not permit it")
    | \bnot\s+(?:permitted|allowed)\s+(?:by|under)\s+(?:its|their|that|another|a\s+different
        |the\s+(?:other|third[-\s]party|documentation|respective))\s+(?:[\w-]+\s+){0,2}?licen[sc]es?\b
    | \bnot\s+(?:to\s+)?sub-?licens
    | \b(?:may|shall|must|can|will)\s+not\s+sub-?licens\w*(?:\s+(?:the|this|it|them
        |its)\b[\w\s]{0,30})?$
    | \binfring | \bif\s+you\s+do\s+not\s+(?:agree|accept)\b
    | \buntil\s+you\s+have\s+(?:carefully\s+)?read\b
    | \b(?:the|this)\s+(?:licen[sc]e|agreement)\s+itself\b
    | \b(?:modify|change|alter|amend)\s+(?:this|the|its|their)\s+(?:governing\s+)?
        (?:agreement|licen[sc]e|terms)\b
    | \b(?:modification|change|alteration|amendment)s?\s+(?:of|to)\s+(?:this|the)\s+
        (?:substantive\s+)?(?:agreement|licen[sc]e|terms)\b
    | \b(?:agreement|licen[sc]e),?\s+which\s+you\s+may\s+not\b
    | \bterms\b[^.;]{0,80}\b(?:cannot|can\s+not|may\s+not|shall\s+not|must\s+not)\s+be\s+(?:changed
        |altered|modified|amended)\b
    | \b(?:put|placed)\s+under\s+(?:an)?other\s+(?:\w+\s+)?licen[sc]e\b
    | \bthe\s+name\s+(?:is|be)\s+changed\b
    | \bremov\w*\s+(?:this|the)\s+licen[sc]e\b | \bonly\s+in\s+this\s+licen[sc]e\b
    | \bin\s+compliance\s+with\s+(?:those\s+|the\s+)?sections\s+of\s+(?:this|the)\s+licen[sc]e\b
    # a ban on restricting others is the copyleft's own ("forbidden to forbid anyone")
    | \bforbid\w*\s+to\s+forbid\b | \b(?:forbidden|prohibited)\s+(?:to|from)\s+(?:forbid|restrict
        |prevent)\w*
    # copyleft under a GNU license named in full ("can only be distributed by you under the
    # terms of the GNU General Public License"); a statement of what the law allows
    | \bunder\s+(?:the\s+terms\s+of\s+)?the\s+GNU\s+(?:(?:Lesser|Library|Affero)\s+)?General
        \s+Public\s+Licen[sc]e\b | \bcannot\s+legally\b | \blogotypes?\b
    # copyleft: the same license downstream, no other
    | \bunder\s+any\s+other\s+licen[sc]e\b | \bno\s+downstream\s+restrictions?\b
    # moral rights the law gives the author
    | \bhonou?r\s+or\s+reputation\b | \bmoral\s+rights?\b | \bderogatory\s+treatment\b
    | \bgive\s+the\s+impression\b
    # a grant made subject to conditions that are read where they stand
    | \bsubject\s+to\s+(?:the\s+)?(?:terms\s+and\s+)?conditions\s+(?:set\s+(?:forth|out)\s+)?in\s+
        (?:section|clause|article|paragraph)\b
    # no sublicensing: each recipient takes the license from the licensor (OSD 7)
    | \bno\s+(?:sub-?|re-?)licens\w*
    # what binds once the license has ended for another reason
    | \b(?:upon|after|on|following|in\s+the\s+(?:case|event)\s+of)\s+(?:such\s+|any\s+|the\s+
        |its\s+)?terminat
    # a note that another license may forbid something; notices owed to the licensee or
    # the public; holding oneself out as the licensor
    | \byou\s+may\s+be\s+prohibited\s+under\b
    | \bnotify\s+(?:the\s+)?(?:you|licensees?|recipients?|users?|(?:software\s+)?community|public)\b
    | \brepresent\s+(?:the\s+)?(?:licensors?|contributors?|authors?)\b | \blegal\s+association\b
    | \bonly\s+to\s+the\s+extent\b | \bsolely\s+(?:as\s+a|because)\b
    # patents not licensed (CC licenses, BSD-Clear): an open license may grant none
    | \bpatent
    # the license text, severability and construction
    | \b(?:this|the)\s+(?:licen[sc]e|agreement)\s+(?:text\s+|document\s+|itself\s+)?
        (?:may|shall|must|can)\s+not\b
    | \bverbatim\s+copies\b | \bchanging\s+it\b | \blicen[sc]e\s+document\b
    | \b(?:the|this)\s+(?:agreement|licen[sc]e)\s+is\s+copyrighted\b | \bwording\s+of\s+this\b
    | \b(?:same|subsequent|later|new)\s+versions?\s+of\s+(?:the|this)\s+(?:agreement|licen[sc]e)\b
    | \b(?:licen[sc]e|agreement)\s+terms\b | \bcompliance\s+with\s+(?:the|this)\s+\w+\b
    | \bnot\s+(?:be\s+)?(?:construed|deemed|interpreted|read|affect\w*|prevent\w*
        |waive\w*|constitute\w*|create\w*|diminish\w*|reduce\w*|limit\s+(?:your|the|any)\s+
        (?:rights?|freedoms?|ability))\b
    | \bno\s+(?:terms?|provisions?|parts?|clauses?|sections?)\s+of\s+(?:this|the)\s+(?:licen[sc]e
        |agreement)\b
    | \bnothing\s+in\s+this\b
        (?!\s+(?:licen[sc]e|agreement|terms)\s+(?:extends|applies|is\s+granted)\b)
    | \bseverab | \benforceab | \bvalidity\b | \binvalid\b
    | \bfair\s+(?:use|dealing)\b | \bexceptions?\s+(?:or|and)\s+limitations?\b
    | \bwaive\b | \bwaiver\b | \bsue\b | \bassert\b
    | \bnot\s+(?:an?\s+)?(?:endorsement|affiliat)\w*
    """,
    re.I | re.X,
)

# Limitations that hold whatever else the clause says: the licensor promises nothing, patents
# are not licensed, the law applies.
_STRONG = re.compile(
    r"warrant|\bliab|damages|merchantab|indemn|\bdisclaim|\bpatent|\bcopyright\s+law\b|\bthis\s+alternative\b"
    r"|\b(?:entitlement\s+to|any)\s+compensation\b|\bconsequential\b|\b(?:failure|malfunction)\b|\brisk\s+of\s+harm\b"
    r"|\bfault[-\s]toleran|\bnot\s+(?:to\s+)?rely\b|\b(?:any|your|no)\s+reliance\b"
    # history: what the material was once licensed under
    r"|\b(?:was|were)\s+(?:once|formerly|previously|originally)\b|\bformerly\b",
    re.I,
)
# A sentence about the license document itself ("verbatim copies of this license document").
_ABOUT_LICENSE = re.compile(
    r"\bthis\s+licen[sc]e\s+document\b|\bverbatim\s+copies\s+of\s+this\s+licen[sc]e\b"
    r"|^\W*this\s+(?:dedication|deed|instrument)\b",
    re.I,
)
# A lead-in to alternatives: its items are options, any one of which will do.
_ALTERNATIVES = re.compile(r"\bone\s+of\s+the\s+following\b[^.]{0,80}:\s*$", re.I)

# A sentence that opens a list of bans: "You may not:", "Licensee agrees not to".
_LEAD_BAN = re.compile(
    r"(?:\b(?:may|shall|must|will|can)\s+not|\bcannot|\bagrees?\s+not\s+to|\bagrees?\s+that\s+it\s+will\s+not"
    r"|\b(?:is|are)\s+(?:strictly\s+)?prohibited(?:\s+from)?|\bprohibited\s+(?:uses|activities)"
    r"(?:\s+include)?|\bfollowing\s+(?:is|are)\s+(?:not\s+permitted|prohibited|forbidden)"
    r"|\b(?:is|are)\s+(?:outside|excluded\s+from|not\s+covered\s+by)\s+(?:the\s+scope\s+of\s+)?"
    r"(?:this|the)\s+licen[sc]e|\b(?:stay|steer)\s+clear\s+of|\bavoid|\brefrain\s+from"
    r"|\b(?:uses?|purposes?|activities|applications)\s+(?:are|is)\s+(?:excluded|not\s+(?:permitted|allowed"
    r"|covered|licen[sc]ed))|\bnot\s+(?:apply|extend)\s+to\s+any\s+use|\bdoes\s+not\s+cover"
    r"|\bexcluded\s+from\s+(?:this|the)\s+(?:grant|licen[sc]e|permission)(?:\s+are)?"
    r"|\b(?:permission|licen[sc]e|grant)\s+excludes|\bexcept\s+for\s+the\s+following"
    r"|\bunder\s+no\s+circumstances\b.{0,80}?)"
    r"\s*(?:to\s*)?[:\u2013\u2014-]?\s*$",
    re.I,
)

# A short heading over a list of banned uses: "Don'ts", "RED LINES", "Not allowed:".
_BAN_HEADING = re.compile(
    r"^(?:#+\s*|[*\s\d.]*)(?:[\w'-]+\s+){0,2}?(?:don'?ts?|do\s+not|not\s+(?:allowed|permitted)|prohibit\w*"
    r"|forbidden|off[-\s]limits|red\s+lines?|banned|disallowed|excluded|unacceptable|never"
    r"|must\s+not|may\s+not)(?:\s+[\w'-]+){0,2}\s*(?::|\*+)?\s*$",
    re.I,
)

# A short ban that names no act: "No weapons development.", "No surveillance".
_BARE_BAN = re.compile(r"^\W*(?:\(?\w{1,3}[.)]\s+)?no\s+[\w-]+(?:\s+[\w-]+){0,3}\s*[.;]?\s*$", re.I)

# A duty that gates the grant needs no act beside it: "must first request a key".
_GATING = re.compile(
    r"\b(?:obtain|request|seek|apply|register|notify|pay|purchase|enter|sign|acquire|contact|e-?mail"
    r"|lodge|file|send"
    r"|submit|buy|complete|fill|receive|await|write|ask)\w*",
    re.I,
)

# An act of the licensee in the clause of a marker: a limit on nothing else is no limit.
_ACT = re.compile(rf"\b{_ACTS}\b", re.I)
_LIMITER = re.compile(r"(?:only|solely|exclusively)\b", re.I)
# The condition a sentence opens with, up to its first comma: a limit inside it states
# when the rest applies ("If such software can only be used together with Ice, …").
_CONDITION_CLAUSE = re.compile(
    r"\W*(?:\(?\w{1,3}[.)]\s+)?(?:if|when|where|whenever|in\s+case)\b[^,;:]*,", re.I
)
_COUNTS_AS_BREACH = re.compile(r"(?:deemed|considered|treated|regarded)\b", re.I)
_REFERS_BACK = re.compile(
    r"\b(?:otherwise|contrary|such|the\s+foregoing|th(?:is|ese)\s+(?:section|terms|conditions))\b",
    re.I,
)
_DECIDING = re.compile(r"(?:review|assess|evaluat|consider|vet|decide|determine)", re.I)
_DECIDED = re.compile(r"\b(?:approv|accept|grant)\w*", re.I)
_COURTESY = re.compile(
    r"\b(?:is|are)\s+(?:kindly\s+)?(?:requested|asked|encouraged|invited)\s+to\b", re.I
)
# A marker that withholds the whole grant from someone names no act: "this licence does not
# apply to you", "Nothing in this licence extends to …", "No rights are granted to …".
_WHOLE_GRANT = re.compile(
    r"\b(?:apply|applies|extend|extends)\s+to\b|\bnothing\s+in\b|\b(?:granted|given|extended)\s+to\b"
    # "Licensees may not be data brokers": who may take the licence at all
    r"|\bnot\s+be\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:bod(?:y|ies)|agenc\w+|compan\w+"
    r"|organi[sz]ations?|entit\w+|governments?|militar\w+|contractors?|brokers?|competitors?"
    r"|residents?|citizens?|members?|affiliates?|institutions?|firms?|businesses)\b",
    re.I,
)
# Acts done to the licensee that a license promises not to do; "may not be permitted /
# allowed to …" withholds a right and is no promise.
_PASSIVE = re.compile(
    r"(?:may|shall|must|will|can)\s+not\s+be\s+(?:charged|billed|invoiced|asked|sued"
    r"|prevented|hindered|stopped)\b",
    re.I,
)
_LICENSEE_LAST = re.compile(r"\b(?:you|licensees?|users?|recipients?)\s*$", re.I)
# A relative clause inside a condition describes the case, it binds no one.
_RELATIVE = re.compile(r"\b(?:which|whom|whose|who|that)\b", re.I)
# A limit to commercial use and its opposite together covers every use.
_EVERY_USE = re.compile(
    r"\b(?:personal|private|non-?\s?commercial|internal)\s+(?:and|or|as\s+well\s+as)\s+commercial\b"
    r"|\bcommercial\s+(?:and|or)\s+(?:personal|private|non-?\s?commercial)\b",
    re.I,
)
_LIMITER_OR_LIMIT = re.compile(r"\b(?:only|solely|exclusively|limited|restricted|confined)\b", re.I)
# "… is to be considered a modified version": what a thing counts as, a definition.
_DEEMED = re.compile(
    r"\b(?:is|are|shall\s+be)\s+(?:to\s+be\s+)?(?:considered|deemed|regarded|treated)\s+(?:as\s+)?"
    # what a thing counts as; "deemed a breach / a violation" forbids it and stays a limit
    r"(?:an?|the|part\s+of)\b(?!\s+(?:\w+\s+)?(?:breach|violation|infringement|misuse"
    r"|termination|prohibited|unlicen[sc]ed))",
    re.I,
)
# A sentence that ends on a word, not on punctuation, runs on into the next block.
_CUT_OFF = re.compile(r"\b(?:in|with|the|of|to|and|or|a|an|under|except)\s*$", re.I)
# A sentence that starts in lower case continues the one before it (a wrapped comment).
_CONTINUES = re.compile(r"^[\s*#/>-]*[a-z]")

# Limits no open license has, whatever else their clause mentions.
# The licensee's option to set terms of the license aside ("you may … choose to deem
# waived or otherwise exclude such Section(s) …, but only in their entirety"): a limit on
# that option takes no freedom away.
_WAIVER = re.compile(
    r"\byou\s+may\b[^.;]{0,80}\b(?:deem\w*\s+waived|waive)\b[^.;]{0,60}\b(?:sections?|provisions?)\b",
    re.I,
)
_ENDORSEMENT = re.compile(r"\bnames?\b[^.;]{0,240}\bused\s+to\s+(?:endorse|promote)\b", re.I)
_NEVER_STANDARD = re.compile(
    r"reverse[-\s]engineer|decompil|disassembl|\bevaluation\b|\bresearch\b"
    r"|(?<!commercial\sor\s)(?<!commercial\sand\s)\bnon-?\s?commercial\b(?!\s+(?:or|and)\s+commercial)",
    re.I,
)

# The subject of the marker is the licensor, an author or a contributor: it binds them.
_LICENSOR_SUBJECT = re.compile(
    rf"""\b(?:licensors?|the\s+author|authors|copyright\s+(?:holders?|owners?)|contributors?
        |we|us|rights?\s+holders?|affirmer|declarant|original\s+developer|initial\s+developer
        |steward|publisher)\b{gap(60, ".;:,")}$""",
    re.I | re.X,
)
_LICENSEE_WORD = re.compile(r"\b(?:you|your|licensee|recipient|user|anyone|no\s+one)\b", re.I)

# Hits of these kinds say what a sentence does; permissions and info do not.
_EXPLAINING = frozenset({Kind.RESTRICTION, Kind.CONDITION, Kind.LICENSOR_RIGHT, Kind.LIMITATION})
# A duty to register with the licensor gates the grant: no open license has one, so the
# flag names the clause but does not make it ordinary.
_NOT_EXPLAINING = frozenset({"registration-required"})

# Use granted to the licensee: "you may use", "permission to use", "the right to use".
_USE = re.compile(
    r"\b(?:use|used|using|run|execute|deploy|utili[sz]e|utili[sz]ation)\b"
    r"|\bwithout\s+(?:any\s+)?restrictions?\b(?!\s+(?:on|to|as\s+to)\b)",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:not|no(?!-)|nothing|neither|nor|never|cannot|prohibit\w*|forbid\w*)\b", re.I
)


def _clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of `text` holding [start, end): between clause breaks."""
    lo = 0
    for brk in _CLAUSE_BREAK.finditer(text, max(0, start - 400), start):
        lo = brk.end()
    after = _CLAUSE_BREAK.search(text, end, min(len(text), end + 600))
    hi = after.start() if after else min(len(text), end + 600)
    return lo, hi


def _explained(sentence: Span, lo: int, hi: int, hits: Iterable[Hit]) -> bool:
    """Whether a hit that says what a clause does lies in [lo, hi) of the sentence."""
    a, b = sentence.start + lo, sentence.start + hi
    return any(h.start < b and a < h.end for h in hits)


def unexplained(ctx: Context, hits: Iterable[Hit]) -> Iterator[Span]:
    """The sentences that forbid, limit or condition the licensee and that no flag and
    no ordinary open-license limitation explains (SPEC.md, "OSD verdict").

    Lists are read twice: as they stand (a lead-in that bans over its items) and as
    clauses, each item completing its lead-in (`lists.composed`). A composed clause is
    reported as its lead-in and item."""
    hits = tuple(hits)
    found = list(_unexplained(ctx, hits))
    yield from found
    lists = composed(ctx)
    if lists is None:
        return
    telling = [h for h in hits if flag_type(h.flag).kind in _EXPLAINING]
    done = {span.start for span in found}
    for span in _unexplained(lists.ctx, list_hits(ctx)):
        where = lists.clause_at(span.start)
        if where is None:
            continue
        lead, item = where
        if lead.start in done or item.start in done:
            continue
        if any(h.start < item.end and item.start < h.end for h in telling):
            continue
        done.add(item.start)
        yield Span(lead.start, item.end, f"{lead.text} {item.text}")


def _unexplained(ctx: Context, hits: Iterable[Hit]) -> Iterator[Span]:
    telling = [
        h for h in hits if flag_type(h.flag).kind in _EXPLAINING and h.flag not in _NOT_EXPLAINING
    ]
    candidates = frozenset(id(s) for s in ctx.having(*_MARKER_WORDS))
    limiting = _limiting_terms(ctx)
    options = _option_items(ctx)
    previous = ""
    following = {a.start: b.text for a, b in zip(ctx.sentences, ctx.sentences[1:], strict=False)}
    # a definition that a flag was read with ("Research Purposes" means …) is explained
    # by that flag
    cited = [h.support for h in telling if h.support is not None]
    for sentence in ctx.sentences:
        text, before_text, previous = sentence.text, previous, sentence.text
        if any(lo <= sentence.start < hi for lo, hi in cited):
            continue
        if _BAN_HEADING.match(text) and _banned_items(ctx, sentence, telling):
            yield sentence  # "## Don'ts" over a bare list of uses
            continue
        if limiting and _uses_limiting_term(text, limiting):
            if not any(h.start < sentence.end and sentence.start < h.end for h in telling):
                yield sentence  # "for Scholarly Work", where "Scholarly Work" means research
            continue
        if id(sentence) not in candidates or sentence.start in options:
            continue
        if _DEFINITION.search(text) or _ABOUT_LICENSE.search(text):
            continue
        if _DEEMED.search(text) and not _BINDING.search(text):
            continue  # "Anything usable only with it is to be considered a modified version"
        if _describes_term(ctx, sentence) or widened(ctx, sentence) or _WAIVER.search(text):
            continue
        if _keeps_copies_verbatim(ctx, sentence, hits) or _material_left_out(ctx, sentence):
            continue
        # a fragment that continues the sentence before it ("* derived from this software
        # without specific prior written permission") is read with it
        lead = before_text + " " if _CONTINUES.match(text) else ""
        # a sentence cut off mid-line ("you may not use this file except in") runs on
        trail = " " + following.get(sentence.start, "") if _CUT_OFF.search(text) else ""
        near = [h for h in telling if h.start < sentence.end and sentence.start < h.end]
        for match in _MARKER.finditer(text):
            lo, hi = _clause_of(text, match.start(), match.end())
            clause = text[lo:hi]
            bare = _BARE_BAN.match(match.group())
            if bare and _titled(match.group()):
                continue  # a section title ("No Weakening of GCC Copyleft"), not a ban
            condition = _CONDITION_CLAUSE.match(text)
            if condition and match.end() <= condition.end():
                if _LIMITER.search(match.group()):
                    continue  # "If such software can only be used together with Ice, then …"
                if _RELATIVE.search(text, 0, match.start()):
                    continue  # "If you pass it on in a form in which one cannot change it, …"
            if _EVERY_USE.search(clause) and _LIMITER_OR_LIMIT.search(match.group()):
                continue  # "limited to personal and commercial use": every use
            # "you may share the work, but only with …": the limit's act is the grant's,
            # and the grant is read with it
            if not _ACT.search(clause) and _LIMITER.match(match.group()):
                grant = text[max(0, lo - 200) : lo]
                if _ACT.search(grant):
                    lo, clause = lo - len(grant), grant + clause
            whole = _WHOLE_GRANT.search(match.group())  # the grant itself is withheld
            if (
                not _ACT.search(clause)
                and not _GATING.search(match.group())
                and not (bare or whole)
            ):
                continue
            if near and _explained(sentence, lo, hi, near):
                continue
            if _STRONG.search(lead + clause + trail):
                continue
            # a name-use clause names organisations: "… Atmospheric Research nor the names
            # of its contributors may be used to endorse …"
            never = _NEVER_STANDARD.search(clause) and not _ENDORSEMENT.search(clause)
            if _STANDARD.search(lead + clause + trail) and not never:
                continue
            # the subject is the last one before the marker: "your permissions do not depend
            # on it, and we will never ask you to apply" binds the licensor
            before = re.split(r",|\band\b|\bbut\b", text[lo : match.start()])[-1]
            if _LICENSOR_SUBJECT.search(before) and not _LICENSEE_WORD.search(before):
                continue
            # "You may not be charged for a copy": the licensee is the one acted on, a
            # promise to them, not a limit on them
            if _PASSIVE.match(match.group()) and _LICENSEE_LAST.search(before):
                continue
            yield sentence
            break
        else:
            if _LEAD_BAN.search(text) and not near and _banned_items(ctx, sentence, telling):
                yield sentence
                continue
            # a flag in the sentence says what its count or time does (a display duty above
            # a user count): the signal is explained
            if _signals(sentence, near):
                yield sentence


# A term defined as a limited purpose or class: '"Scholarly Work" means teaching or research'.
_TERM_DEFINED = re.compile(
    r"^\W*(?:[\w.()]{1,8}\s+)?[\"\u201c](?P<term>[^\"\u201d]{2,50})[\"\u201d]\s*(?:\([^)]{0,40}\)\s*)?"
    r"(?::|means|shall\s+mean|refers\s+to|is\s+defined\s+as|includes?\s+only)\s+(?P<body>.*)",
    re.I | re.S,
)


def _describes_term(ctx: Context, sentence: Span) -> bool:
    """A sentence inside a definition that says more about a defined term ("'Digital
    Document File' means … ("Embedded Fonts"). Embedded Fonts are used only in …"): it
    tells what the term is, and binds no one."""
    term = term_at(sentence.text.lstrip(' (*-"\u201c'), ctx)
    if term is None or _BINDING.search(sentence.text):
        return False
    return any(
        d.start < sentence.start < d.end and d.end - d.start > len(sentence.text)
        for d in definitions(ctx).values()
    )


# A modal that binds a party: a sentence that has one is an operative clause, not a
# description.
_BINDING = re.compile(
    r"\b(?:may|shall|must|will|can|should|agrees?)\s+(?:not|never)\b|\byou\b", re.I
)


def _keeps_copies_verbatim(ctx: Context, sentence: Span, hits: Iterable[Hit]) -> bool:
    """A ban on changing the copies one passes on as they are, in a license that grants
    modification elsewhere: "If the Recipient Redistributes the Licensed Program pursuant
    to Paragraph 6 …, the following conditions: … (2) The Recipient may not alter or
    otherwise modify the Licensed Program." The ban keeps the verbatim path verbatim;
    changed works go the other way the text grants."""
    lead = leads(ctx).get(sentence.start)
    if lead is None or not _REDISTRIBUTING.search(lead.text):
        return False
    if not any(h.flag == "modification" for h in hits):
        return False
    return bool(_CHANGE_BAN.search(sentence.text)) and not _OTHER_THAN_CHANGE.search(sentence.text)


def _material_left_out(ctx: Context, sentence: Span) -> bool:
    """A statement of what the license does not cover, when what it names is material,
    not a use: "This licence does not cover the use of: personal data …; logos …",
    "This Licence does not extend to software, firmware …". Scope, not a ban ("does not
    extend to designing arms" names a use and stays one)."""
    match = _NOT_COVERED.search(sentence.text) or _NONE_LICENSED.match(sentence.text)
    if match is None:
        return False
    named = [match.group("object")]
    if not named[0].strip(" :"):
        named = _items_of(ctx, sentence)
    return bool(named) and not any(_A_USE.search(what) or _A_PARTY.match(what) for what in named)


def _items_of(ctx: Context, lead: Span) -> list[str]:
    """The items a lead-in opens, marked or not: the blocks after it, while each before
    ends as an item does (";", "and", "or")."""
    items: list[str] = []
    first = bisect_left(ctx.blocks, lead.end, key=lambda b: b.start)
    for block in ctx.blocks[first : first + 20]:
        if items and not re.search(r"(?:[;,]|\b(?:and|or))\s*$", items[-1]):
            break
        items.append(block.text)
    return items


# "… does not cover / extend to / apply to …", and what follows.
_NOT_COVERED = re.compile(
    r"\b(?:licen[sc]es?|grants?|permissions?|rights?)\b[^.;:]{0,40}?\b(?:does|do|shall|will)\s+not"
    r"\s+(?:cover|extend\s+to|apply\s+to)\b\s*(?:the\s+use\s+of\b)?(?P<object>[^.;]*)",
    re.I,
)
# "No hardware is licensed hereunder", "No fonts are included in this grant".
_NONE_LICENSED = re.compile(
    r"\W*(?:\(?\w{1,3}[.)]\s+)?no\s+(?P<object>[\w,\s-]{1,60}?)\s+(?:is|are)\s+(?:hereby\s+)?"
    r"(?:licen[sc]ed|granted|covered|included)\b(?!\s+(?:to|for)\b)",
    re.I,
)
# What names a party, not material: "does not apply to you", "… to residents of …".
_A_PARTY = re.compile(
    r"\W*(?:any\s+|the\s+|all\s+)?(?:you|yourself|persons?|people|individuals?|compan\w+|entit\w+"
    r"|organi[sz]ations?|users?|licensees?|residents?|citizens?|anyone|anybody|those|governments?"
    r"|businesses)\b",
    re.I,
)
# What names a use or a purpose: a gerund first ("selling hosted access"), or a use,
# purpose or trade anywhere ("commercial use", "for any purpose").
_A_USE = re.compile(
    r"^\W*(?:\(?\w{1,3}[.)]\s+)?(?:(?:any|the)\s+)?\w+ing\b|\b(?:uses?|using|purposes?|commercial\w*"
    r"|deploy\w*|services?|sell\w*|sale|profit)\b",
    re.I,
)


# A lead-in that conditions passing copies on: "If the Recipient Redistributes …", "When
# you distribute verbatim copies …".
_REDISTRIBUTING = re.compile(
    r"\b(?:if|when|where|whenever)\b[^:]{0,80}?\b(?:(?:re-?)?distribut\w*|convey\w*|transfer\w*"
    r"|(?:pass\w*|hand\w*|giv\w*)\s+(?:\w+\s+){0,4}?(?:on|out|away)\b)|\bverbatim\s+cop",
    re.I,
)
_CHANGE_BAN = re.compile(
    r"\b(?:may|shall|must)\s+not\s+(?:alter|modify|change)\b(?:\s+or\s+otherwise\s+(?:alter|modify"
    r"|change))?\s+(?:the|this|its|such)\b",
    re.I,
)
# Anything else the sentence bans or limits is read as it stands.
_OTHER_THAN_CHANGE = re.compile(
    r"\b(?:use|distribut\w*|sell|shar\w*|only|solely|except|unless|notice|name|licen[sc]e)\b",
    re.I,
)

# A purpose or class that the term names: "for Scholarly Work", "Eligible Users only".
_TERM_USE = (
    r"(?:\bfor\s+(?:the\s+)?(?:purposes?\s+of\s+)?(?:any\s+)?|\bsolely\b[^.;]{0,30}"
    r"|\bonly\b[^.;]{0,30}|\b(?:limited|restricted|confined)\s+to\s+|\bwithin\s+"
    r"|\bappl(?:y|ies)\s+(?:only\s+)?to\s+|\b(?:part|in\s+the\s+course)\s+of\s+"
    r"|\bin\s+connection\s+with\s+"
    r"|\bto\s+(?:carry\s+out|perform|conduct|engage\s+in)\s+(?:the\s+)?"
    r"|\bextends\s+(?:only\s+)?to\s+|\bcovers?\s+(?:only\s+)?|\bby\s+)"
)


def _titled(text: str) -> bool:
    """Whether every long word of a short phrase is capitalised, as in a section title."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", text) if len(w) > 3]
    return len(words) > 1 and all(w[0].isupper() for w in words)


def _limiting_terms(ctx: Context) -> tuple[str, ...]:
    """The defined terms whose definitions limit a purpose or a class of licensees."""
    terms = []
    for sentence in ctx.having('"', "\u201c"):
        match = _TERM_DEFINED.match(sentence.text)
        # examples in parentheses name acts, not a purpose: '"Use" means using Data
        # (including accessing, copying, evaluating …)'
        body = _EXAMPLES.sub("", match.group("body")[:400]) if match else ""
        if match and LIMITED_PURPOSE.search(body):
            terms.append(match.group("term").strip())
    return tuple(dict.fromkeys(terms))


_EXAMPLES = re.compile(r"\((?:including|such\s+as|e\.\s?g\.|for\s+example)\b[^)]*\)", re.I)


def _uses_limiting_term(text: str, terms: tuple[str, ...]) -> bool:
    """Whether a sentence (not the definition) grants or limits by a limiting term."""
    if _TERM_DEFINED.match(text):
        return False
    for term in terms:
        if re.search(rf"{_TERM_USE}{re.escape(term)}s?\b|\b{re.escape(term)}s?\s+only\b", text):
            return True
    return False


def _banned_items(ctx: Context, lead: Span, telling: list[Hit]) -> bool:
    """Whether a lead-in that bans ("You may not:") governs an item that no flag explains
    and that is not an ordinary limitation (keeping notices, trademarks, the law)."""
    blocks = [b for b in ctx.blocks if b.start >= lead.end][:21]
    for block, after in zip(blocks, [*blocks[1:], None][: len(blocks)], strict=True):
        if not LIST_ITEM.match(block.text):
            break
        if any(h.start < block.end and block.start < h.end for h in telling):
            continue
        # an item broken mid-sentence by a page break runs on into the next block
        text = block.text
        if after is not None and _CUT_OFF.search(text) and not LIST_ITEM.match(after.text):
            text += " " + after.text
        if _STRONG.search(text):
            continue
        # the item is read with the ban it completes: "You must not:" + "sublicense the Work"
        banned = "must not " + LIST_ITEM.sub("", text, count=1).rstrip(" ;.,")
        if (_STANDARD.search(text) or _STANDARD.search(banned)) and not _NEVER_STANDARD.search(
            text
        ):
            continue
        return True
    return False


def _signals(sentence: Span, near: list[Hit]) -> bool:
    """Whether a sentence limits the licensee by a count, a time, a licensor's power or
    rights that end on something other than a breach (no act need be named). A flag in
    the same clause says what the count or time does (a display duty above a user count)."""
    text = sentence.text
    about_terms = not _NOT_TERMS.search(text) or _TERMS_WORDS.search(text)
    if _POWER.search(text) and not _ORDINARY_END.search(text) and about_terms:
        return True
    for match in _SIGNAL.finditer(text):
        lo, hi = _clause_of(text, match.start(), match.end())
        clause = text[lo:hi]
        if near and _explained(sentence, lo, hi, near):
            continue
        before = text[lo : match.start()]
        if _DECIDING.match(match.group()):
            pass  # "we review each request": the licensor's decision is the licensee's gate
        elif _LICENSOR_SUBJECT.search(before) and not _LICENSEE_WORD.search(before):
            continue
        if _NO_BEFORE.search(before):
            continue  # "no cap on the number of users", "no royalties are payable"
        # "… shall be deemed a breach" names the breach it makes; no ordinary ending
        counts_as_breach = _COUNTS_AS_BREACH.match(match.group())
        if counts_as_breach and _REFERS_BACK.search(before):
            continue  # "Any attempt to do otherwise will be considered a violation": said before
        if (_ORDINARY_END.search(text) and not counts_as_breach) or _STRONG.search(clause):
            continue
        # a courtesy ("you are asked to apply") does not soften the gate beside it
        unasked = _COURTESY.sub(" ", clause) if _DECIDED.search(match.group()) else clause
        if _STANDARD.search(unasked) and not _NEVER_STANDARD.search(clause):
            continue
        return True
    return False


def _style(text: str) -> str:
    """How a block is numbered: "1", "a", "-" (bullets) or "" (not a list item)."""
    match = LIST_ITEM.match(text)
    if match is None:
        return ""
    mark = match.group().strip("() .\t")
    return "1" if mark[:1].isdigit() else "-" if mark in "-*+" else "a"


def _option_items(ctx: Context) -> frozenset[int]:
    """The starts of the sentences in list items offered as alternatives ("do at least one
    of the following:"): each is one way to comply, not a limit."""
    starts: set[int] = set()
    lead: str | None = None  # the numbering of the lead-in while its items last
    blocks = {b.start: b for b in ctx.blocks}
    current = ""
    for sentence in ctx.sentences:
        block = blocks.get(sentence.start)
        if block is not None:
            style = _style(block.text)
            if lead is not None and style and style != lead:
                current = "option"
            else:
                current = ""
                lead = style if _ALTERNATIVES.search(block.text) else None
        if current:
            starts.add(sentence.start)
    return frozenset(starts)


def use_grant(ctx: Context) -> Span | None:
    """The first grant unit that lets the licensee use the material (not negated)."""
    for unit in grant_units(ctx):
        for match in permitted(unit, _USE):
            return Span(unit.start + match.start(), unit.start + match.end(), match.group())
    return None
