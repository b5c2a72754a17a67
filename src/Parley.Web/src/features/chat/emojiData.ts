/** A compact, bundled emoji set: the picker shows it and :shortcodes: resolve against it (no network, no injected styles). */
export interface EmojiCategory {
  id: "smileys" | "people" | "nature" | "food" | "activity" | "objects" | "symbols";
  emoji: { char: string; names: string[] }[];
}

function list(spec: string): { char: string; names: string[] }[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [char = "", ...names] = entry.split("|");
      return { char, names };
    });
}

export const EMOJI_CATEGORIES: EmojiCategory[] = [
  {
    id: "smileys",
    emoji: list(`
😀|grinning 😃|smiley 😄|smile 😁|grin 😆|laughing|satisfied 😅|sweat_smile 🤣|rofl 😂|joy 🙂|slightly_smiling_face
🙃|upside_down_face 😉|wink 😊|blush 😇|innocent 🥰|smiling_face_with_three_hearts 😍|heart_eyes 🤩|star_struck 😘|kissing_heart
😋|yum 😛|stuck_out_tongue 😜|stuck_out_tongue_winking_eye 🤪|zany_face 🤗|hugs 🤔|thinking 🤐|zipper_mouth_face 😐|neutral_face
😑|expressionless 😶|no_mouth 😏|smirk 😒|unamused 🙄|roll_eyes 😬|grimacing 😌|relieved 😔|pensive 😪|sleepy 😴|sleeping
😷|mask 🤒|face_with_thermometer 🤢|nauseated_face 🤧|sneezing_face 🥵|hot_face 🥶|cold_face 😵|dizzy_face 🤯|exploding_head
🥳|partying_face 😎|sunglasses 🤓|nerd_face 😕|confused 😟|worried 🙁|slightly_frowning_face 😮|open_mouth 😲|astonished
😳|flushed 🥺|pleading_face 😢|cry 😭|sob 😱|scream 😤|triumph 😡|rage 😠|angry 🤬|cursing_face 😈|smiling_imp 💀|skull
💩|poop|hankey 🤡|clown_face 👻|ghost 👽|alien 🤖|robot 😺|smiley_cat 🙈|see_no_evil 🙉|hear_no_evil 🙊|speak_no_evil
`),
  },
  {
    id: "people",
    emoji: list(`
👋|wave 🤚|raised_back_of_hand ✋|hand|raised_hand 👌|ok_hand 🤌|pinched_fingers ✌️|v 🤞|crossed_fingers 🤟|love_you_gesture
🤘|metal 👈|point_left 👉|point_right 👆|point_up_2 👇|point_down 👍|+1|thumbsup 👎|-1|thumbsdown ✊|fist 👊|punch
👏|clap 🙌|raised_hands 👐|open_hands 🤝|handshake 🙏|pray 💪|muscle 🫡|saluting_face 👀|eyes 🧠|brain 🫶|heart_hands
👶|baby 🧒|child 👩|woman 👨|man 🧓|older_adult 🤷|shrug 🤦|facepalm 🙋|raising_hand 💃|dancer 🕺|man_dancing
`),
  },
  {
    id: "nature",
    emoji: list(`
🐶|dog 🐱|cat 🐭|mouse 🦊|fox 🐻|bear 🐼|panda_face 🐨|koala 🐯|tiger 🦁|lion 🐮|cow 🐷|pig 🐸|frog 🐵|monkey_face
🐔|chicken 🐧|penguin 🐦|bird 🦄|unicorn 🐝|bee 🦋|butterfly 🐢|turtle 🐍|snake 🐙|octopus 🐬|dolphin 🐳|whale
🌵|cactus 🌲|evergreen_tree 🌴|palm_tree 🌱|seedling 🍀|four_leaf_clover 🍁|maple_leaf 🌷|tulip 🌹|rose 🌻|sunflower 🌸|cherry_blossom
☀️|sunny 🌙|crescent_moon ⭐|star 🌟|star2 ⚡|zap 🔥|fire 🌈|rainbow ☁️|cloud ❄️|snowflake 💧|droplet 🌊|ocean
`),
  },
  {
    id: "food",
    emoji: list(`
🍏|green_apple 🍎|apple 🍊|tangerine 🍋|lemon 🍌|banana 🍉|watermelon 🍇|grapes 🍓|strawberry 🍒|cherries 🍑|peach 🥑|avocado
🍅|tomato 🥕|carrot 🌽|corn 🥐|croissant 🍞|bread 🧀|cheese 🥚|egg 🥓|bacon 🍔|hamburger 🍟|fries 🍕|pizza 🌭|hotdog
🌮|taco 🍣|sushi 🍜|ramen 🍝|spaghetti 🍩|doughnut 🍪|cookie 🎂|birthday 🍰|cake 🍫|chocolate_bar 🍿|popcorn
☕|coffee 🍵|tea 🍺|beer 🍻|beers 🍷|wine_glass 🥂|clinking_glasses 🍸|cocktail 🧃|beverage_box
`),
  },
  {
    id: "activity",
    emoji: list(`
⚽|soccer 🏀|basketball 🏈|football ⚾|baseball 🎾|tennis 🏐|volleyball 🏓|ping_pong 🥊|boxing_glove ⛳|golf 🎯|dart
🎮|video_game 🎲|game_die ♟️|chess_pawn 🎨|art 🎬|clapper 🎤|microphone 🎧|headphones 🎸|guitar 🎹|musical_keyboard
🏆|trophy 🥇|1st_place_medal 🎉|tada 🎊|confetti_ball 🎈|balloon 🎁|gift 🚀|rocket ✈️|airplane 🚗|car 🚲|bike 🏠|house
`),
  },
  {
    id: "objects",
    emoji: list(`
💡|bulb 🔦|flashlight 💻|computer ⌨️|keyboard 📱|iphone 📷|camera 📺|tv ⏰|alarm_clock ⌛|hourglass 💰|moneybag
💳|credit_card 📎|paperclip ✏️|pencil2 📝|memo 📌|pushpin 📅|date 📦|package 📚|books 🔒|lock 🔑|key 🔨|hammer
🛠️|hammer_and_wrench ⚙️|gear 🧪|test_tube 🔬|microscope 💊|pill 🧸|teddy_bear 🪴|potted_plant 🛒|shopping_cart 📣|mega
`),
  },
  {
    id: "symbols",
    emoji: list(`
❤️|heart 🧡|orange_heart 💛|yellow_heart 💚|green_heart 💙|blue_heart 💜|purple_heart 🖤|black_heart 🤍|white_heart 💔|broken_heart
💕|two_hearts 💯|100 ✅|white_check_mark ☑️|ballot_box_with_check ✔️|heavy_check_mark ❌|x ❗|exclamation ❓|question ⚠️|warning
🚫|no_entry_sign ⛔|no_entry ♻️|recycle ➕|heavy_plus_sign ➖|heavy_minus_sign 💤|zzz 💬|speech_balloon 💭|thought_balloon
✨|sparkles 🎵|musical_note 🔔|bell 🆗|ok 🆕|new 🔝|top 🆒|cool 👑|crown 💎|gem
`),
  },
];

/** :shortcode: -> emoji, for the names above. */
export const SHORTCODES: ReadonlyMap<string, string> = new Map(
  EMOJI_CATEGORIES.flatMap((c) => c.emoji.flatMap((e) => e.names.map((name) => [name, e.char] as const))),
);

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const;
